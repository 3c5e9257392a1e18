#!/bin/bash
#
# bench-devices.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# "certdesk-cli devices check" on COUNT endpoints (default 1,000) on
# loopback, each a TLS server on its own port presenting an RSA-2048
# leaf and its intermediate (tls-servers.py). Prints the wall time and
# the peak memory (GNU time's maximum resident set size) of one check
# of them all. Target: under 10 s.
#
# usage: bench-devices.sh CERTDESK_CLI TLS_SERVERS_PY [COUNT [CONCURRENCY]]

set -eu

cli=$(readlink -f "$1")
servers=$(readlink -f "$2")
count=${3:-1000}
concurrency=${4:-32}

work=$(mktemp -d "${TMPDIR:-/tmp}/certdesk-bench-devices.XXXXXX")
cleanup ()
{
  exec 3>&- 2> /dev/null || true
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/home"
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent
export LC_ALL=C.UTF-8 TZ=UTC OPENSSL_CONF=/dev/null
cd "$work"

openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 \
  -subj "/CN=Bench Root" -addext "basicConstraints=critical,CA:TRUE" 2> /dev/null
openssl req -newkey rsa:2048 -nodes -keyout int.key -out int.csr -subj "/CN=Bench Intermediate" \
  2> /dev/null
printf 'basicConstraints=critical,CA:TRUE\n' > ca.ext
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 \
  -extfile ca.ext -out int.pem 2> /dev/null
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=pbx.example.test" \
  2> /dev/null
printf 'subjectAltName=DNS:pbx.example.test\n' > leaf.ext
openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -days 200 \
  -extfile leaf.ext -out leaf.pem 2> /dev/null
cat leaf.pem int.pem > chain.pem

mkfifo servers.in
python3 "$servers" chain.pem leaf.key "$count" < servers.in > ports.txt &
server_pid=$!
exec 3> servers.in
while ! grep -q READY ports.txt; do sleep 0.1; done

{
  echo "host,port,starttls,server_name,profile,note"
  grep -v READY ports.txt | sed 's/^/127.0.0.1,/; s/$/,none,pbx.example.test,,bench/'
} > devices.csv
"$cli" devices import-csv devices.csv
"$cli" import root.pem > /dev/null

${CD_BENCH_WRAP:-} /usr/bin/time -f '%e %M %U %S' -o time.txt "$cli" devices check --concurrency "$concurrency" \
  > check.txt || true

read -r wall rss_kb user_s sys_s < time.txt
ok=$(grep -c '^ok ' check.txt || true)
echo "devices checked:       $count (concurrency $concurrency), $ok ok"
echo "wall time:             $wall s (target < 10 s)"
echo "peak memory (max RSS): $((rss_kb / 1024)) MiB"
echo "CPU of certdesk-cli:    $user_s s user, $sys_s s system"
if [ "$ok" != "$count" ]; then
  grep -v '^ok ' check.txt | head -5
  exit 1
fi
