#!/usr/bin/python3
#
# check-flatpak-manifest.py
#
# Copyright 2026 The Certdesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Offline check of the Flatpak manifest with nothing but the standard
# library: the GNOME runtime cannot be fetched in CI, so this is what keeps
# the manifest in step with the meson project (app id, executable name,
# build options) and keeps the sandbox as tight as we promise in README.md.
#
# usage: check-flatpak-manifest.py MANIFEST --app-id ID --command NAME

import argparse
import json
import os
import sys

EXPECTED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
}
# Files reach the app through the file chooser portal; any of these would
# open the user's files behind its back.
FORBIDDEN_PREFIXES = (
    '--filesystem=host',
    '--filesystem=home',
    '--filesystem=/',
    '--filesystem=~',
    '--filesystem=xdg-',
    '--socket=session-bus',
    '--socket=system-bus',
    '--device=all',
)
MIN_RUNTIME_VERSION = 47


def check(manifest, manifest_dir, app_id, command):
    problems = []

    def expect(cond, message):
        if not cond:
            problems.append(message)

    manifest_id = manifest.get('id', manifest.get('app-id'))
    expect(manifest_id == app_id,
           f'id is {manifest_id!r}, expected the desktop file id {app_id!r}')
    desktop_in = os.path.join(manifest_dir, '..', 'data', f'{app_id}.desktop.in.in')
    expect(os.path.isfile(desktop_in),
           f'{os.path.normpath(desktop_in)} does not exist: the app id must name the desktop file')
    expect(manifest.get('command') == command,
           f'command is {manifest.get("command")!r}, expected the installed executable {command!r}')
    expect(manifest.get('runtime') == 'org.gnome.Platform',
           f'runtime is {manifest.get("runtime")!r}, expected org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk',
           f'sdk is {manifest.get("sdk")!r}, expected org.gnome.Sdk')

    version = str(manifest.get('runtime-version', ''))
    expect(version.isdigit() and int(version) >= MIN_RUNTIME_VERSION,
           f'runtime-version is {version!r}, expected a stable GNOME release >= {MIN_RUNTIME_VERSION}')

    finish_args = manifest.get('finish-args', [])
    expect(set(finish_args) == EXPECTED_FINISH_ARGS,
           f'finish-args are {sorted(finish_args)}, expected {sorted(EXPECTED_FINISH_ARGS)}')
    for arg in finish_args:
        expect(not arg.startswith(FORBIDDEN_PREFIXES),
               f'finish-arg {arg} gives the sandbox access it must not have')

    expect(isinstance(manifest.get('cleanup'), list) and manifest['cleanup'],
           'cleanup list is missing')

    modules = manifest.get('modules', [])
    app_modules = [m for m in modules if isinstance(m, dict) and m.get('name') == 'certdesk']
    expect(len(app_modules) == 1, 'expected exactly one module named "certdesk"')
    if app_modules:
        module = app_modules[0]
        expect(modules[-1] is module, 'the certdesk module must be the last one')
        expect(module.get('buildsystem') == 'meson',
               f'buildsystem is {module.get("buildsystem")!r}, expected meson')
        expect(module.get('builddir') is True, 'builddir must be true')
        expect('-Dtests=false' in module.get('config-opts', []),
               'config-opts must contain -Dtests=false (the tests need a keyring and Xvfb)')
        expect(module.get('sources') == [{'type': 'dir', 'path': '..'}],
               f'sources are {module.get("sources")!r}, expected the project directory')

    return problems


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('manifest')
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--command', required=True)
    args = parser.parse_args(argv[1:])

    try:
        with open(args.manifest, encoding='utf-8') as f:
            manifest = json.load(f)
    except OSError as e:
        print(f'{args.manifest}: cannot read: {e.strerror}', file=sys.stderr)
        return 1
    except json.JSONDecodeError as e:
        print(f'{args.manifest}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}', file=sys.stderr)
        return 1

    if not isinstance(manifest, dict):
        print(f'{args.manifest}: the manifest must be a JSON object', file=sys.stderr)
        return 1

    problems = check(manifest, os.path.dirname(os.path.abspath(args.manifest)),
                     args.app_id, args.command)
    for p in problems:
        print(f'{args.manifest}: {p}', file=sys.stderr)
    if not problems:
        print(f'{args.manifest}: OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
