#!/bin/bash
#
# make-screenshots.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the screenshots of the AppStream metainfo: a demo database of
# certificates made here by openssl, in a throwaway session
# (tests/run-in-session.sh) and a few TLS servers on loopback, then the
# main window, the Devices view, the certificate dialog and the request
# wizard, in the light and the dark style.
#
# usage: build-aux/make-screenshots.sh [BUILDDIR [OUTDIR]]
#        (defaults: build, data/screenshots)
# Environment: SHOT_LANGUAGE=de takes the German translation from
# BUILDDIR; SHOT_SUFFIX is added to the file names. (Large text cannot be
# shown here: GTK 4.8 on a bare Xvfb takes its DPI from no setting we
# can set without a settings daemon.)
# Needs: openssl, ImageMagick (import), x11-utils (xwininfo), and what the
# test session needs.

set -u

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "${1:-}" != "--inside" ]; then
  builddir=$(cd "${1:-$root/build}" && pwd) || exit 1
  outdir=${2:-$root/data/screenshots}
  mkdir -p "$outdir" && outdir=$(cd "$outdir" && pwd) || exit 1
  [ -x "$builddir/app/gui/certdesk" ] || { echo "make-screenshots: build first (ninja -C $builddir)" >&2; exit 1; }
  exec "$root/tests/run-in-session.sh" -- "$0" --inside "$builddir" "$outdir"
fi

builddir=$2
outdir=$3
app_id=io.github.certdesk.Certdesk
cli=$builddir/app/cli/certdesk-cli
gui=$builddir/app/gui/certdesk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say ()
{
  printf 'make-screenshots: %s\n' "$*" >&2
}

# --- the demo certificates: a telephony PKI -------------------------------
cd "$work" || exit 1
ossl ()
{
  openssl "$@" 2> /dev/null || { say "openssl $1 failed"; exit 1; }
}

ossl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
  -subj "/C=DE/O=Example Telecom/CN=Example Telecom Root CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
ossl req -newkey rsa:2048 -nodes -keyout ca.key -out ca.csr \
  -subj "/C=DE/O=Example Telecom/CN=Example Telecom Issuing CA 1"
ossl x509 -req -in ca.csr -CA root.pem -CAkey root.key -CAcreateserial -out ca.pem -days 1825 \
  -extfile <(printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n')

issue ()
{
  local name=$1 days=$2 san=$3 eku=$4
  ossl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" \
    -subj "/C=DE/O=Example Telecom/CN=$name"
  ossl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$name.pem" \
    -days "$days" -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=%s\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$san" "$eku")
}

issue sbc.example.com 397 "DNS:sbc.example.com,IP:192.0.2.10" serverAuth,clientAuth
issue pbx.example.com 365 "DNS:pbx.example.com,DNS:sip.example.com" serverAuth,clientAuth
issue provisioning.example.com 30 "DNS:provisioning.example.com" serverAuth
issue alice@example.com 730 "email:alice@example.com" clientAuth,emailProtection
issue bob@example.com 730 "email:bob@example.com" clientAuth,emailProtection
issue gateway-01.example.com 1 "DNS:gateway-01.example.com" serverAuth,clientAuth

# Certificates with a key go to Personal, the others by their kind.
cat sbc.example.com.pem sbc.example.com.key > sbc.bundle.pem
cat pbx.example.com.pem pbx.example.com.key > pbx.bundle.pem
cat provisioning.example.com.pem provisioning.example.com.key > provisioning.bundle.pem
"$cli" import root.pem ca.pem sbc.bundle.pem pbx.bundle.pem provisioning.bundle.pem \
  alice@example.com.pem bob@example.com.pem gateway-01.example.com.pem > /dev/null ||
  { say "certdesk-cli import failed"; exit 1; }
"$cli" request --cn phone-0042.example.com --o "Example Telecom" --c DE \
  --san dns:phone-0042.example.com --purpose both -o phone.csr > /dev/null ||
  { say "certdesk-cli request failed"; exit 1; }

# --- devices on loopback for the Devices view -----------------------------
server_pids=()
serve ()
{
  openssl s_server -quiet -accept "$1" -cert "$2.pem" -key "$2.key" -cert_chain ca.pem \
    < /dev/null > /dev/null 2>&1 &
  server_pids+=($!)
}
serve 47161 pbx.example.com
serve 47162 sbc.example.com
serve 47163 provisioning.example.com
sleep 1
"$cli" devices add 127.0.0.1:47161 --servername pbx.example.com --profile tls-server \
  --note "PBX, main site" > /dev/null
"$cli" devices add 127.0.0.1:47162 --servername sbc.example.com --profile openscape-branch \
  --note "SBC, branch office" > /dev/null
"$cli" devices add 127.0.0.1:47163 --servername provisioning.example.com --note "Phone provisioning" > /dev/null
"$cli" devices add 127.0.0.1:47164 --note "Old voicemail server" > /dev/null
"$cli" devices check > /dev/null 2>&1
stop_servers ()
{
  [ ${#server_pids[@]} -gt 0 ] && kill "${server_pids[@]}" 2> /dev/null
}

# --- the app --------------------------------------------------------------
if [ -n "${SHOT_LANGUAGE:-}" ]; then
  export LANGUAGE=$SHOT_LANGUAGE LC_ALL=C.UTF-8 CERTDESK_LOCALEDIR=$builddir/po
fi
export GSETTINGS_SCHEMA_DIR=$builddir/data

app_pid=""
stop_app ()
{
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2> /dev/null
    wait "$app_pid" 2> /dev/null
    app_pid=""
  fi
}
trap 'stop_app; stop_servers; rm -rf "$work"' EXIT

# The id of the top-level window titled $1, once it is mapped.
window_id ()
{
  xwininfo -root -tree 2> /dev/null |
    awk -v t="\"$1\"" 'index($0, t) && /[0-9]+x[0-9]+\+/ { print $1; exit }'
}

# Grabs the window titled $1 into $2, polling until it is drawn (the first
# frame of a fresh session can come out black).
grab ()
{
  local title=$1 out=$2 id mean deadline=$((SECONDS + 20))
  while [ "$SECONDS" -lt "$deadline" ]; do
    id=$(window_id "$title")
    if [ -n "$id" ] && sleep 1 && import -window "$id" "$out" 2> /dev/null; then
      mean=$(convert "$out" -format '%[fx:mean]' info: 2> /dev/null)
      if awk -v m="${mean:-0}" 'BEGIN { exit !(m > 0.05) }'; then
        say "wrote $out"
        return 0
      fi
    fi
    sleep 0.3
  done
  say "no window \"$title\" was drawn"
  return 1
}

action ()
{
  gdbus call --session --dest "$app_id" --object-path "$1" \
    --method org.gtk.Actions.Activate "$2" "$3" '{}' > /dev/null
}

status=0
for scheme in light dark; do
  if [ "$scheme" = dark ]; then
    export ADW_DEBUG_COLOR_SCHEME=prefer-dark
  else
    export ADW_DEBUG_COLOR_SCHEME=prefer-light
  fi
  suffix=${SHOT_SUFFIX:-}
  [ "$scheme" = dark ] && suffix=$suffix-dark

  title=Certdesk
  "$gui" > "$work/app.log" 2>&1 &
  app_pid=$!
  sleep 2
  action /io/github/certdesk/Certdesk/window/1 show-store "[<'my'>]"
  grab "$title" "$outdir/main-window$suffix.png" || status=1
  action /io/github/certdesk/Certdesk show-device "[<int64 -1>]"
  sleep 1
  grab "$title" "$outdir/devices$suffix.png" || status=1

  "$gui" "$work/sbc.example.com.pem" > /dev/null 2>&1 &
  sleep 2
  grab "sbc.example.com" "$outdir/certificate-dialog$suffix.png" || status=1
  stop_app

  "$gui" > "$work/app.log" 2>&1 &
  app_pid=$!
  sleep 2
  action /io/github/certdesk/Certdesk/window/1 new-request "[]"
  grab "$(TEXTDOMAINDIR=$builddir/po gettext -d certdesk 'New Certificate Request')" "$outdir/request-wizard$suffix.png" || status=1
  stop_app
done

exit $status
