#!/usr/bin/python3
#
# test-summary.py
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints the closing "N passed, N failed, N skipped" line of a test run from
# meson's testlog.json, counting the GLib TAP test cases inside each test
# program rather than the programs themselves, so the line says how many
# behaviours were checked.
#
# usage: test-summary.py BUILD/meson-logs/testlog.json
#
#  - a TAP line "ok" counts as passed, "not ok" as failed, "# SKIP" as
#    skipped, and "not ok … # TODO" (g_test_incomplete) as skipped too;
#  - a test program that meson judged bad (crash, timeout, "Bail out!", plan
#    not met) without a single failing test case counts as one failure, so a
#    program that dies half-way is never hidden;
#  - a test with no TAP output (the data checks) counts once, by its result;
#  - a missing or empty log (the build failed before any test ran) counts as
#    "0 passed, 1 failed".
#
# Exit status: 0 only if nothing failed and something passed.

import json
import re
import sys

GOOD_RESULTS = {'OK', 'EXPECTEDFAIL'}
SKIP_RESULTS = {'SKIP'}

# Only top-level lines: GLib prints its test cases unindented.
TAP_RESULT = re.compile(r'^(?P<status>ok|not ok)\b(?P<rest>.*)$')
TAP_DIRECTIVE = re.compile(r'#\s*(?P<directive>SKIP|TODO)\b', re.IGNORECASE)


class Counts:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def add(self, other):
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped


def count_tap(stdout):
    """Returns the Counts of the TAP test cases in @stdout, or None if it
    holds no TAP result line at all."""
    counts = Counts()
    seen = False
    for line in (stdout or '').splitlines():
        m = TAP_RESULT.match(line)
        if not m:
            continue
        seen = True
        d = TAP_DIRECTIVE.search(m.group('rest'))
        directive = d.group('directive').upper() if d else None
        if directive == 'SKIP':
            counts.skipped += 1
        elif m.group('status') == 'not ok':
            if directive == 'TODO':
                counts.skipped += 1
            else:
                counts.failed += 1
        else:
            counts.passed += 1
    return counts if seen else None


def read_log(path):
    records = []
    with open(path, encoding='utf-8', errors='replace') as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                print(f'test-summary: {path}:{lineno}: not a JSON record, ignored', file=sys.stderr)
    return records


def main(argv):
    if len(argv) != 2:
        print('usage: test-summary.py BUILD/meson-logs/testlog.json', file=sys.stderr)
        return 2
    path = argv[1]

    try:
        records = read_log(path)
    except OSError as e:
        print(f'test-summary: cannot read {path}: {e.strerror}; did the build fail?', file=sys.stderr)
        records = []

    total = Counts()
    for record in records:
        name = record.get('name', '?')
        result = record.get('result', 'ERROR')
        counts = count_tap(record.get('stdout'))

        if counts is None:
            counts = Counts()
            if result in GOOD_RESULTS:
                counts.passed = 1
            elif result in SKIP_RESULTS:
                counts.skipped = 1
            else:
                counts.failed = 1
        elif result not in GOOD_RESULTS | SKIP_RESULTS and counts.failed == 0:
            counts.failed = 1

        if counts.failed:
            print(f'test-summary: FAILED {name} ({result}, exit status {record.get("returncode")})',
                  file=sys.stderr)
        total.add(counts)

    if not records:
        print('test-summary: no test results recorded', file=sys.stderr)
        total.failed = max(total.failed, 1)

    line = f'{total.passed} passed, {total.failed} failed'
    if total.skipped:
        line += f', {total.skipped} skipped'
    print(line, flush=True)
    return 0 if total.failed == 0 and total.passed > 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
