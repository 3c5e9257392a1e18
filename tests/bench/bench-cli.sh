#!/bin/bash
#
# bench-cli.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times certdesk-cli on generated certificates and prints a small table:
#  - importing one PEM bundle of 10,000 certificates (target: >= 2,000/s);
#  - importing 100,000 into Other People, then "list --store addressbook"
#    and "list --store addressbook --json" (target: < 1 s each).
# Each figure is the median of 5 runs, measured by hyperfine when it is
# installed, else by date +%s.%N around each run.
#
# usage: bench-cli.sh CERTDESK_CLI MAKE_CORPUS [IMPORT_COUNT [LIST_COUNT]]
#
# Everything happens in a temporary folder: HOME and XDG_DATA_HOME point
# there and no D-Bus session is reachable, so neither the user's database
# nor their keyring is ever touched (importing certificates needs no
# keyring).

set -eu

if [ $# -lt 2 ]; then
  echo "usage: bench-cli.sh CERTDESK_CLI MAKE_CORPUS [IMPORT_COUNT [LIST_COUNT]]" >&2
  exit 2
fi

cli=$(readlink -f "$1")
make_corpus=$(readlink -f "$2")
import_count=${3:-10000}
list_count=${4:-100000}
runs=5

# Big bundles are split: the importer refuses files over 32 MiB, and a
# PEM certificate of the corpus is about 740 bytes.
per_file=20000

work=$(mktemp -d "${TMPDIR:-/tmp}/certdesk-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/home"
export HOME=$work/home
export XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent
unset DISPLAY WAYLAND_DISPLAY
export LC_ALL=C.UTF-8 TZ=UTC

have_hyperfine=0
if command -v hyperfine > /dev/null && command -v python3 > /dev/null; then
  have_hyperfine=1
fi

now ()
{
  date +%s.%N
}

# calc EXPRESSION: floating-point arithmetic (awk is everywhere, bc not).
calc ()
{
  awk "BEGIN { print $* }"
}

# median_seconds PREPARE COMMAND: median wall time of $runs runs of
# COMMAND (a shell string, output discarded), each after PREPARE.
median_seconds ()
{
  local prepare=$1 command=$2 times=() start end i

  if [ "$have_hyperfine" = 1 ]; then
    hyperfine --style none --runs "$runs" --prepare "$prepare" \
      --export-json "$work/hyperfine.json" "$command" > /dev/null
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' \
      "$work/hyperfine.json"
    return
  fi

  for i in $(seq "$runs"); do
    sh -c "$prepare"
    start=$(now)
    sh -c "$command" > /dev/null
    end=$(now)
    times+=("$(calc "$end - $start")")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p" | xargs printf '%.3f\n'
}

fail ()
{
  echo "bench-cli: $*" >&2
  exit 1
}

rows=()
add_row ()
{
  rows+=("$(printf '%-44s %10s %14s  %-12s %s' "$1" "$2" "$3" "$4" "$5")")
}

verdict ()
{
  # verdict VALUE OP LIMIT -> "ok" or "MISSED"
  if [ "$(calc "($1 $2 $3) ? 1 : 0")" = 1 ]; then echo ok; else echo MISSED; fi
}

echo "bench-cli: making $import_count and $list_count certificates in $work"

start=$(now)
"$make_corpus" -n "$import_count" "$work/small" > "$work/small.list"
end=$(now)
corpus_small=$(calc "$end - $start")
[ "$(wc -l < "$work/small.list")" = 1 ] || fail "expected one bundle of $import_count"
small_bundle=$(cat "$work/small.list")

start=$(now)
"$make_corpus" -n "$list_count" -p "$per_file" -s 2 "$work/big" > "$work/big.list"
end=$(now)
corpus_big=$(calc "$end - $start")
mapfile -t big_bundles < "$work/big.list"

add_row "make-corpus $import_count" "$(printf '%.3f' "$corpus_small")" "" "" ""
add_row "make-corpus $list_count" "$(printf '%.3f' "$corpus_big")" "" "< 60 s" \
  "$(verdict "$corpus_big" '<' 60)"

# --- import: a fresh database for every run --------------------------------

q_cli=$(printf '%q' "$cli")
q_small=$(printf '%q' "$small_bundle")
import_dir=$work/import
prepare="rm -rf $(printf '%q' "$import_dir")"
import_s=$(median_seconds "$prepare" \
  "XDG_DATA_HOME=$(printf '%q' "$import_dir") $q_cli import $q_small")
import_rate=$(calc "$import_count / $import_s")
add_row "import $import_count (one PEM bundle)" "$import_s" "$(printf '%.0f/s' "$import_rate")" \
  ">= 2000/s" "$(verdict "$import_rate" '>=' 2000)"

# Check what the last run left: every certificate, in Other People.
n=$(XDG_DATA_HOME=$import_dir "$cli" list --store addressbook --json | grep -c '"sha256"' || true)
[ "$n" = "$import_count" ] || fail "imported $n certificates, not $import_count"

# --- list: one database of 100,000 -----------------------------------------

export XDG_DATA_HOME=$work/big-data
start=$(now)
"$cli" import --store addressbook "${big_bundles[@]}" > "$work/big-import.log"
end=$(now)
big_import=$(calc "$end - $start")
big_rate=$(calc "$list_count / $big_import")
add_row "import $list_count ($((list_count / per_file)) bundles)" "$(printf '%.3f' "$big_import")" \
  "$(printf '%.0f/s' "$big_rate")" ">= 2000/s" "$(verdict "$big_rate" '>=' 2000)"

n=$("$cli" list --store addressbook --json | grep -c '"sha256"' || true)
[ "$n" = "$list_count" ] || fail "the store lists $n certificates, not $list_count"
n=$("$cli" list --store addressbook | wc -l)
[ "$n" = "$((list_count + 1))" ] || fail "the table has $n lines, not $((list_count + 1))"

for args in "list --store addressbook" "list --store addressbook --json" "list" "list --json"; do
  s=$(median_seconds "true" "$q_cli $args")
  add_row "$args" "$s" "$(printf '%.0f/s' "$(calc "$list_count / $s")")" "< 1 s" \
    "$(verdict "$s" '<' 1)"
done

prefix=$("$cli" list --store addressbook --json | grep -m1 -o '"sha256" *: *"[0-9a-f]\{12\}' | grep -o '[0-9a-f]\{12\}$')
s=$(median_seconds "true" "$q_cli show $prefix")
add_row "show PREFIX (of $list_count)" "$s" "" "" ""

db=$XDG_DATA_HOME/certdesk/certdesk.db
size=$(du -m "$db" | cut -f1)

echo
echo "certdesk-cli benchmark, median of $runs runs ($([ "$have_hyperfine" = 1 ] && echo hyperfine || echo 'date +%s.%N')), $(nproc) CPUs"
printf '%-44s %10s %14s  %-12s %s\n' "what" "seconds" "rate" "target" ""
printf '%s\n' "${rows[@]}"
echo "database with $list_count certificates: $size MiB"
