#!/usr/bin/python3
#
# check-potfiles.py
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when po/POTFILES.in misses a source file with translatable strings,
# lists a file that does not exist, or is not sorted. A string in a file that
# is not listed never reaches translators, and nothing else would notice.
#
# usage: check-potfiles.py [--update] [SOURCE_ROOT]
#
# --update rewrites po/POTFILES.in instead: every file with translatable
# strings, sorted, plus the entries already there that still exist.

import os
import re
import sys

# _("…"), N_("…"), C_("ctx", "…"), NC_(…), Q_(…), ngettext/g_dngettext (…),
# and translatable="yes" in GtkBuilder files.
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\(|\b(?:g_d?n?gettext|ngettext|dngettext)\s*\(')
UI_MARKERS = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCANNED = {
    'app': ('.c', '.h'),
    'ui': ('.ui',),
}
# Data files are translated through their own ITS rules rather than markers.
DATA_SUFFIXES = ('.desktop.in.in', '.desktop.in', '.metainfo.xml.in.in',
                 '.metainfo.xml.in', '.gschema.xml')


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def translatable_files(root):
    found = set()
    for top, suffixes in SCANNED.items():
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in filenames:
                if not name.endswith(suffixes):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                pattern = UI_MARKERS if name.endswith('.ui') else C_MARKERS
                if pattern.search(text):
                    found.add(os.path.relpath(path, root))
    data_dir = os.path.join(root, 'data')
    if os.path.isdir(data_dir):
        for name in os.listdir(data_dir):
            if name.endswith(DATA_SUFFIXES):
                found.add(os.path.join('data', name))
    return found


HEADER = '''# List of source files that contain translatable strings.
# Please keep this file sorted alphabetically (LC_ALL=C);
# build-aux/check-potfiles.py --update rewrites it.
'''


def update(root, potfiles):
    try:
        listed = read_potfiles(potfiles)
    except FileNotFoundError:
        listed = []
    entries = {e for e in listed if os.path.isfile(os.path.join(root, e))}
    entries |= translatable_files(root)
    with open(potfiles, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for entry in sorted(entries):
            f.write(entry + '\n')
    print(f'check-potfiles: wrote {len(entries)} files to {potfiles}')
    return 0


def main(argv):
    args = [a for a in argv[1:] if a != '--update']
    root = os.path.abspath(args[0] if args else
                           os.path.join(os.path.dirname(__file__), '..'))
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    problems = []

    if '--update' in argv[1:]:
        return update(root, potfiles)

    try:
        listed = read_potfiles(potfiles)
    except OSError as e:
        print(f'check-potfiles: cannot read {potfiles}: {e.strerror}', file=sys.stderr)
        return 1

    for entry in listed:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'{entry} is listed but does not exist; remove it from po/POTFILES.in')

    for entry in sorted(translatable_files(root) - set(listed)):
        problems.append(f'{entry} has translatable strings but is not listed; add it to po/POTFILES.in')

    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted; sort it with `LC_ALL=C sort`')

    if len(listed) != len(set(listed)):
        problems.append('po/POTFILES.in lists a file twice')

    for p in problems:
        print(f'check-potfiles: {p}', file=sys.stderr)
    if not problems:
        print(f'check-potfiles: {len(listed)} files listed, none missing')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
