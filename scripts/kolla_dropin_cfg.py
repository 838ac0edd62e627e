#!/usr/bin/env python3
# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""overcloud-containers kolla-dropin [--off] [--config FILE]: the Kolla-Ansible drop-in on or off.

Adds ``overcloud.containers.kolla_dropin`` to ``[defaults] callbacks_enabled`` of an ansible.cfg
(``--off`` takes it out again), keeping every other line, comment and callback of the file. The file:
``--config``, else ``$ANSIBLE_CONFIG``, else ``/etc/ansible/ansible.cfg`` (created if missing).
The collection itself must be installed where Ansible finds it (``ansible-galaxy collection install``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile

CALLBACK = 'overcloud.containers.kolla_dropin'
KEY = re.compile(r'^(\s*)(callbacks_enabled|callback_whitelist)(\s*[=:]\s*)(.*?)\s*$')
SECTION = re.compile(r'^\s*\[([^\]]+)\]')


def edit(lines: list[str], on: bool) -> list[str]:
    """The file's lines with the callback added to (or removed from) [defaults] callbacks_enabled."""
    out, section, done, defaults_at = [], None, False, None
    for line in lines:
        match = SECTION.match(line)
        if match:
            section = match.group(1).strip()
            if section == 'defaults':
                defaults_at = len(out)
        key = KEY.match(line) if section == 'defaults' and not done else None
        if key:
            names = [n.strip() for n in key.group(4).split(',') if n.strip() and n.strip() != CALLBACK]
            if on:
                names.append(CALLBACK)
            done = True
            if names:
                out.append('%s%s%s%s\n' % (key.group(1), key.group(2), key.group(3), ', '.join(names)))
            continue
        out.append(line)
    if on and not done:
        entry = 'callbacks_enabled = %s\n' % CALLBACK
        if defaults_at is None:
            out += (['\n'] if out and out[-1].strip() else []) + ['[defaults]\n', entry]
        else:
            out.insert(defaults_at + 1, entry)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog='overcloud-containers kolla-dropin', description=__doc__.split('\n\n')[1])
    parser.add_argument('--off', action='store_true', help='turn the drop-in off')
    parser.add_argument('--config', default=os.environ.get('ANSIBLE_CONFIG') or '/etc/ansible/ansible.cfg')
    args = parser.parse_args(argv)
    try:
        with open(args.config) as handle:
            lines = handle.readlines()
    except FileNotFoundError:
        lines = []
    except OSError as exc:
        print('kolla-dropin: cannot read %s: %s' % (args.config, exc.strerror), file=sys.stderr)
        return 1
    new = edit(lines, on=not args.off)
    state = 'off' if args.off else 'on'
    if new == lines:
        print('kolla-dropin: already %s in %s' % (state, args.config))
        return 0
    folder = os.path.dirname(os.path.abspath(args.config))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix='.ansible.cfg.')
    try:
        with os.fdopen(fd, 'w') as handle:
            handle.writelines(new)
        if lines:
            os.chmod(tmp, os.stat(args.config).st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, args.config)
    except OSError as exc:
        os.unlink(tmp)
        print('kolla-dropin: cannot write %s: %s' % (args.config, exc.strerror), file=sys.stderr)
        return 1
    print('kolla-dropin: %s in %s' % (state, args.config))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
