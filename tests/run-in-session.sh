#!/bin/bash
#
# run-in-session.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one program in a throwaway desktop session, so that tests never touch
# the user's real keyring, database or settings and always talk to real
# services instead of mocks:
#
#  - fresh HOME and XDG_{DATA,CONFIG,CACHE,STATE}_HOME, XDG_RUNTIME_DIR (0700),
#    all removed afterwards;
#  - a private D-Bus session bus (session-bus.conf) that activates nothing, so
#    no portal or keyring prompter can start and hang the run;
#  - an unlocked gnome-keyring (Secret Service), unless --no-keyring;
#  - an Xvfb display of its own, unless --no-display;
#  - GTK set up for a headless, GPU-less run, and GSettings kept in memory.
#
# usage: run-in-session.sh [--no-keyring] [--no-display] -- PROGRAM [ARG...]
#
# The program's exit status is passed through, and a death by signal is
# re-raised, so meson sees a crash as a crash. The program's stdout is
# untouched (meson reads TAP from it); this script only writes to stderr.
# Stop the whole session with a signal to its process group, as meson and
# Ctrl-C do: the keyring daemon and Xvfb stay in that group on purpose.

set -u

self=$(readlink -f "${BASH_SOURCE[0]}")
here=$(dirname "$self")

# Seconds to wait for Xvfb and the keyring before giving up.
startup_timeout=20

msg ()
{
  printf 'run-in-session: %s\n' "$*" >&2
}

usage ()
{
  echo "usage: run-in-session.sh [--no-keyring] [--no-display] -- PROGRAM [ARG...]" >&2
  exit 2
}

random_hex ()
{
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

# Polls "$@" every 50 ms until it succeeds (returns 0), the process $1 dies
# (returns 1) or the timeout passes (returns 2).
wait_for ()
{
  local pid=$1 deadline
  shift
  deadline=$((SECONDS + startup_timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 2
}

# Explains a failed wait_for of the service $1.
startup_failure ()
{
  case $2 in
    1) echo "$1 exited before it was ready" ;;
    *) echo "$1 was not ready within ${startup_timeout} s" ;;
  esac
}

bus_name_has_owner ()
{
  gdbus call --session --dest org.freedesktop.DBus \
    --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}

# The name appears before the login collection is unlocked; a test that came
# in between would get UnknownMethod on the collection instead of a secret.
login_collection_unlocked ()
{
  bus_name_has_owner org.freedesktop.secrets &&
    gdbus call --session --dest org.freedesktop.secrets \
      --object-path /org/freedesktop/secrets/collection/login \
      --method org.freedesktop.DBus.Properties.Get \
      org.freedesktop.Secret.Collection Locked 2>/dev/null | grep -q false
}

# ---------------------------------------------------------------------------
# Second stage, run by dbus-run-session: the keyring, then the program.
# ---------------------------------------------------------------------------
if [ "${1:-}" = "--inside-bus" ]; then
  want_keyring=$2
  display=$3
  xauthority=$4
  shift 5 # the three values above and "--"

  # fd 3 is the caller's stderr, saved before the bus daemon's stderr went
  # through the filter: the program's own messages must not pass through
  # that filter (and get reordered).
  exec 2>&3 3>&-

  keyring_pid=""
  stop_keyring ()
  {
    if [ -n "$keyring_pid" ]; then
      kill "$keyring_pid" 2>/dev/null
      wait "$keyring_pid" 2>/dev/null
      keyring_pid=""
    fi
  }
  trap stop_keyring EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [ "$want_keyring" = 1 ]; then
    # --foreground keeps the daemon our child and in our process group, so
    # that it is stopped with us even when we are killed. --unlock reads the
    # password from stdin and creates the "login" keyring with it, which
    # becomes the default collection: nothing ever asks for a password.
    random_hex | gnome-keyring-daemon --foreground --unlock --components=secrets > /dev/null &
    keyring_pid=$!
    wait_for "$keyring_pid" login_collection_unlocked
    status=$?
    if [ "$status" -ne 0 ]; then
      msg "$(startup_failure gnome-keyring-daemon "$status") (no unlocked Secret Service);" \
          "check the gnome-keyring installation, or pass --no-keyring"
      exit 99
    fi
  fi

  # Only now: neither the bus daemon nor the keyring may reach the display.
  if [ -n "$display" ]; then
    export DISPLAY=$display XAUTHORITY=$xauthority
  fi

  "$@"
  exit $?
fi

# ---------------------------------------------------------------------------
# First stage: options, directories, environment, Xvfb, the bus.
# ---------------------------------------------------------------------------
want_keyring=1
want_display=1
while [ $# -gt 0 ]; do
  case $1 in
    --no-keyring) want_keyring=0 ;;
    --no-display) want_display=0 ;;
    --) shift; break ;;
    -h|--help) usage ;;
    *) msg "unknown option $1"; usage ;;
  esac
  shift
done
[ $# -gt 0 ] || usage

for tool in dbus-run-session gdbus; do
  command -v "$tool" > /dev/null || { msg "$tool not found; install the dbus and libglib2.0-bin packages"; exit 99; }
done
if [ "$want_keyring" = 1 ] && ! command -v gnome-keyring-daemon > /dev/null; then
  msg "gnome-keyring-daemon not found; install the gnome-keyring package or pass --no-keyring"
  exit 99
fi
if [ "$want_display" = 1 ]; then
  for tool in Xvfb xauth; do
    command -v "$tool" > /dev/null || { msg "$tool not found; install the xvfb and xauth packages or pass --no-display"; exit 99; }
  done
fi

session=$(mktemp -d "${TMPDIR:-/tmp}/certdesk-session.XXXXXX") || { msg "cannot create a temporary directory"; exit 99; }
xvfb_pid=""

cleanup ()
{
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$session"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

home=$session/home
mkdir -p "$home/.local/share" "$home/.local/state" "$home/.config" "$home/.cache" "$session/runtime"
chmod 0700 "$session" "$home" "$session/runtime"

export HOME=$home
export XDG_DATA_HOME=$home/.local/share
export XDG_STATE_HOME=$home/.local/state
export XDG_CONFIG_HOME=$home/.config
export XDG_CACHE_HOME=$home/.cache
export XDG_RUNTIME_DIR=$session/runtime

# Nothing of the caller's session may leak in.
unset DISPLAY WAYLAND_DISPLAY XAUTHORITY DBUS_SESSION_BUS_ADDRESS \
      GNOME_KEYRING_CONTROL SSH_AUTH_SOCK SESSION_MANAGER AT_SPI_BUS_ADDRESS

# Deterministic GTK with no GPU, no accessibility bus and no portals.
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 ADW_DISABLE_PORTAL=1
# dconf cannot be activated on this bus; settings live as long as the program.
export GSETTINGS_BACKEND=memory

display=""
xauthority=""
if [ "$want_display" = 1 ]; then
  # -displayfd makes Xvfb pick a free display itself and report it once it
  # accepts connections: `xvfb-run -a` guesses a number first and races with
  # the other tests meson runs in parallel.
  xauthority=$session/Xauthority
  cookie=$(random_hex)
  : > "$xauthority"
  : > "$session/display"
  xauth -q -f "$xauthority" add :0 . "$cookie"
  Xvfb -displayfd 4 -auth "$xauthority" -nolisten tcp -noreset \
       -screen 0 1280x1024x24 4> "$session/display" 2> "$session/xvfb.log" &
  xvfb_pid=$!

  display_ready ()
  {
    local n
    read -r n < "$session/display" && [ -n "$n" ]
  }

  wait_for "$xvfb_pid" display_ready
  status=$?
  if [ "$status" -ne 0 ]; then
    msg "$(startup_failure Xvfb "$status"); its log follows"
    cat "$session/xvfb.log" >&2
    exit 99
  fi
  read -r n < "$session/display"
  display=:$n
  # The server accepts every cookie in its -auth file whatever the display
  # number; clients look theirs up by number, which is known only now.
  xauth -q -f "$xauthority" add "$display" . "$cookie"
fi

# dbus-run-session's own daemon cannot raise its fd limit in a container and
# says so on every start; keep that line out of the test logs.
dbus-run-session --config-file="$here/session-bus.conf" -- \
  "$self" --inside-bus "$want_keyring" "$display" "$xauthority" -- "$@" \
  3>&2 2> >(grep --line-buffered -v 'Failed to set fd limit' >&2)
rc=$?

if [ "$rc" -gt 128 ] && [ "$rc" -lt 160 ]; then
  cleanup
  trap - EXIT HUP INT TERM "$((rc - 128))"
  ulimit -c 0
  kill -s "$((rc - 128))" $$
fi
exit "$rc"
