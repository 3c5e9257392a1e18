#!/bin/bash
#
# update-translations.sh
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One command for a translation pass: brings po/POTFILES.in up to date,
# regenerates po/certdesk.pot from the sources, merges it into every
# language of po/LINGUAS, and reports what is left to translate. Then
# translate the empty and fuzzy entries (the report names them) and run it
# again until every language says "complete".
#
# usage: build-aux/update-translations.sh [BUILDDIR]   (default: build)
# Exit status: 0 when every language is complete, 1 when something is left
# or a catalogue does not compile, 2 on a usage error.

set -u

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${1:-$root/build}
cd "$root" || exit 2

say ()
{
  printf 'update-translations: %s\n' "$*" >&2
}

[ -d "$builddir" ] || { say "no build directory $builddir; run meson setup first"; exit 2; }

/usr/bin/python3 build-aux/check-potfiles.py --update "$root" > /dev/null ||
  { say "check-potfiles.py --update failed"; exit 1; }

# meson's i18n target: xgettext with the glib preset.
ninja -C "$builddir" certdesk-pot > /dev/null || { say "ninja certdesk-pot failed"; exit 1; }
# The device profiles are GKeyFiles: xgettext reads them as desktop files,
# taking the keys cd-profile-load.c translates.
xgettext --language=Desktop --from-code=UTF-8 --join-existing --output=po/certdesk.pot \
  --keyword= --keyword=Name --keyword=Description --keyword=Title --keyword=Hint --keyword=Text \
  data/profiles/*.profile || { say "xgettext of data/profiles failed"; exit 1; }

# Not meson's certdesk-update-po: it makes the template again first and
# would drop the profiles' strings.
while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  msgmerge --quiet --update --backup=none "po/$lang.po" po/certdesk.pot ||
    { say "msgmerge of po/$lang.po failed"; exit 1; }
done < po/LINGUAS

total=$(msgattrib --no-obsolete po/certdesk.pot 2> /dev/null | grep -c '^msgid ')
total=$((total - 1)) # the header
status=0
while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  po=po/$lang.po
  # Obsolete entries only clutter the file once merged.
  msgattrib --no-obsolete -o "$po" "$po" || { status=1; continue; }
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ')
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ')
  # msgattrib prints the header entry too when anything is selected.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if ! msgfmt --check -o /dev/null "$po"; then
    say "$po does not compile"
    status=1
  fi
  if [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then
    printf '%s: complete (%d messages)\n' "$lang" "$total"
  else
    printf '%s: %d untranslated, %d fuzzy of %d (msgattrib --untranslated %s; --only-fuzzy)\n' \
      "$lang" "$untranslated" "$fuzzy" "$total" "$po"
    status=1
  fi
done < po/LINGUAS

exit $status
