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
# When flatpak-builder and python3-jsonschema are there (they are in
# build-aux/debian-packages.txt), it also lets flatpak-builder parse the
# manifest with unknown keys fatal, and checks it against the subset of the
# manifest format in flatpak-manifest.schema.json: neither needs the runtime.
#
# usage: check-flatpak-manifest.py MANIFEST --app-id ID --command NAME
#            --options INTRO-BUILDOPTIONS.JSON [--readme README.md]
#            [--schema SCHEMA.json] [--flatpak-builder PATH]

import argparse
import json
import os
import subprocess
import sys

# Each one is needed, and nothing else:
#  ipc, fallback-x11: X11 shared memory and the X11 fallback where there is
#    no Wayland; wayland: the display; dri: GPU rendering by GTK's GL renderer.
#  network: fetching certificates and chains from servers (host:port).
# Private keys go through libsecret's Secret portal back end and files
# through the file chooser and drag-and-drop portals, neither of which needs
# a permission.
EXPECTED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--share=network',
}
# Any of these would open the user's files or the host's services behind
# the portals' back.
FORBIDDEN_PREFIXES = (
    '--filesystem',
    '--persist',
    '--socket=session-bus',
    '--socket=system-bus',
    '--socket=ssh-auth',
    '--device=all',
    '--talk-name=org.freedesktop.secrets',
    '--talk-name=org.freedesktop.Flatpak',
)
MIN_RUNTIME_VERSION = 47


def check_config_opts(opts, build_options, readme_text):
    """Each -Dname=value must name a project option meson knows, with a
    value of its type, and be the one README.md documents."""
    problems = []
    by_name = {o['name']: o for o in build_options}
    for opt in opts:
        if not opt.startswith('-D') or '=' not in opt:
            problems.append(f'config-opt {opt!r} is not of the form -Dname=value')
            continue
        name, value = opt[2:].split('=', 1)
        option = by_name.get(name)
        if option is None:
            problems.append(f'config-opt {opt}: meson_options.txt has no option {name!r}')
            continue
        kind = option.get('type')
        if kind == 'boolean' and value not in ('true', 'false'):
            problems.append(f'config-opt {opt}: {name} is a boolean, expected true or false')
        elif kind == 'combo' and value not in option.get('choices', []):
            problems.append(f'config-opt {opt}: {name} must be one of {option.get("choices")}')
        elif kind == 'integer' and not value.lstrip('-').isdigit():
            problems.append(f'config-opt {opt}: {name} is an integer')
        if readme_text is not None and opt not in readme_text:
            problems.append(f'config-opt {opt} is not documented in README.md')
    return problems


def check_with_tools(manifest_path, schema_path, flatpak_builder):
    """flatpak-builder's own parser, then the schema."""
    problems = []
    env = dict(os.environ, G_DEBUG='fatal-warnings')
    result = subprocess.run([flatpak_builder, '--show-manifest', manifest_path],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        problems.append(f'flatpak-builder rejects it: {result.stderr.strip()}')

    try:
        import jsonschema
    except ImportError:
        problems.append('python3-jsonschema is not installed (build-aux/debian-packages.txt)')
        return problems
    with open(schema_path, encoding='utf-8') as f:
        schema = json.load(f)
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    for e in sorted(jsonschema.Draft7Validator(schema).iter_errors(manifest),
                    key=lambda e: list(e.path)):
        where = '/'.join(map(str, e.path)) or '(top)'
        problems.append(f'schema: {where}: {e.message}')
    return problems


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


def self_test(manifest, manifest_dir, app_id, command, build_options):
    """A check that passes everything is worth nothing: each of these
    broken copies must be caught."""
    broken = {
        'a home filesystem permission': lambda m: m['finish-args'].append('--filesystem=home'),
        'a read-only host filesystem': lambda m: m['finish-args'].append('--filesystem=host:ro'),
        'the host keyring': lambda m: m['finish-args'].append('--talk-name=org.freedesktop.secrets'),
        'no network': lambda m: m['finish-args'].remove('--share=network'),
        'another app id': lambda m: m.update(id='org.example.Other'),
        'another command': lambda m: m.update(command='certdesk-cli'),
        'an old runtime': lambda m: m.update({'runtime-version': '44'}),
    }
    problems = []
    for what, breaks in broken.items():
        copy = json.loads(json.dumps(manifest))
        breaks(copy)
        if not check(copy, manifest_dir, app_id, command):
            problems.append(f'self-test: a manifest with {what} was not rejected')

    for opts, what in ((['-Dtests=false', '-Dno-such-option=true'], 'an unknown option'),
                       (['-Dtests=maybe'], 'a bad boolean')):
        if not check_config_opts(opts, build_options, None):
            problems.append(f'self-test: config-opts with {what} were not rejected')
    return problems


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('manifest')
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--command', required=True)
    parser.add_argument('--options', required=True,
                        help="meson's intro-buildoptions.json of a configured build")
    parser.add_argument('--readme')
    parser.add_argument('--schema')
    parser.add_argument('--flatpak-builder')
    parser.add_argument('--self-test', action='store_true',
                        help='also check that broken copies of the manifest are rejected')
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

    with open(args.options, encoding='utf-8') as f:
        build_options = json.load(f)
    readme_text = None
    if args.readme:
        with open(args.readme, encoding='utf-8') as f:
            readme_text = f.read()
    for module in manifest.get('modules', []):
        if isinstance(module, dict) and module.get('name') == 'certdesk':
            problems += check_config_opts(module.get('config-opts', []),
                                          build_options, readme_text)

    if args.schema and args.flatpak_builder:
        problems += check_with_tools(args.manifest, args.schema, args.flatpak_builder)
    if args.self_test:
        problems += self_test(manifest, os.path.dirname(os.path.abspath(args.manifest)),
                              args.app_id, args.command, build_options)

    for p in problems:
        print(f'{args.manifest}: {p}', file=sys.stderr)
    if not problems:
        print(f'{args.manifest}: OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
