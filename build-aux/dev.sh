#!/bin/bash
#
# dev.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of README.md, for a fresh Debian 12 machine:
#
#   build-aux/dev.sh run  [ARG...]   build, then start the app (with ARGs)
#   build-aux/dev.sh test [ARG...]   build, run every test (ARGs go to
#                                    `meson test`), end with "N passed, N failed"
#
# Both first install what is missing from build-aux/debian-packages.txt
# (apt-get, as root or through sudo; skipped when all is there), then
# configure (or reconfigure) and build in ./build. CERTDESK_BUILDDIR picks
# another build directory.

set -u

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

builddir=${CERTDESK_BUILDDIR:-build}
package_list=build-aux/debian-packages.txt

say ()
{
  printf 'dev.sh: %s\n' "$*" >&2
}

# Prints the time since $1 (a value of $EPOCHREALTIME) in seconds.
elapsed ()
{
  local start=${1//[.,]/} now=${EPOCHREALTIME//[.,]/}
  printf '%d.%d s' $(((now - start) / 1000000)) $(((now - start) / 100000 % 10))
}

install_packages ()
{
  local start=$EPOCHREALTIME sudo="" packages=() missing=() installed p

  mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$package_list" | tr -d '[:blank:]')

  # One dpkg-query for the whole list keeps a re-run to milliseconds.
  installed=" $(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${packages[@]}" 2>/dev/null |
                awk '$1 == "ii" { printf "%s ", $2 }')"
  for p in "${packages[@]}"; do
    case $installed in
      *" $p "*) ;;
      *) missing+=("$p") ;;
    esac
  done

  if [ ${#missing[@]} -eq 0 ]; then
    say "all ${#packages[@]} Debian packages are installed ($(elapsed "$start"))"
    return 0
  fi

  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo > /dev/null; then
      say "missing packages: ${missing[*]}; install them as root (apt-get install ${missing[*]}) and try again"
      return 1
    fi
    sudo="sudo"
  fi

  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # --no-install-recommends: the recommends of the GTK stack pull in desktop
  # portals, which every test session would then have to keep quiet.
  $sudo apt-get -q -o Dpkg::Use-Pty=0 update &&
    $sudo apt-get -y -q -o Dpkg::Use-Pty=0 install --no-install-recommends "${missing[@]}"
  if [ $? -ne 0 ]; then
    say "apt-get could not install ${missing[*]}; see the messages above"
    return 1
  fi
  say "packages installed ($(elapsed "$start"))"
}

build ()
{
  local start=$EPOCHREALTIME

  # coredata.dat exists only once a set-up has succeeded; after a failed
  # first set-up --reconfigure refuses the directory.
  if [ -f "$builddir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$builddir" || return 1
  else
    meson setup "$builddir" || return 1
  fi
  ninja -C "$builddir" || return 1
  say "configured and built in $builddir ($(elapsed "$start"))"
}

command=${1:-}
[ $# -gt 0 ] && shift

case $command in
  run)
    install_packages && build || exit 1
    # Run from the build tree: the schema is compiled into $builddir/data.
    GSETTINGS_SCHEMA_DIR=$root/$builddir/data exec "$builddir/app/gui/certdesk" "$@"
    ;;

  test)
    testlog=$builddir/meson-logs/testlog.json
    # A stale log from an earlier run must never be summarised as this one.
    rm -f "$testlog"
    if install_packages && build; then
      start=$EPOCHREALTIME
      meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
      say "meson test finished ($(elapsed "$start"))"
    else
      say "set-up failed, no tests were run"
    fi
    exec /usr/bin/python3 tests/test-summary.py "$testlog"
    ;;

  *)
    echo "usage: build-aux/dev.sh run|test [ARG...]" >&2
    exit 2
    ;;
esac
