# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""`overcloud-containers kolla-dropin [--off]`: the ansible.cfg edit (scripts/kolla_dropin_cfg.py)."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'scripts'))

import kolla_dropin_cfg as cfg  # noqa: E402

ON = 'overcloud.containers.kolla_dropin'


def test_appends_to_the_callbacks_already_enabled_and_keeps_everything_else():
    lines = ['# site\n', '[defaults]\n', '# mine\n', 'callbacks_enabled = profile_tasks, timer\n', 'forks = 5\n',
             '[ssh_connection]\n', 'callbacks_enabled = not_this_section\n']
    out = cfg.edit(lines, on=True)
    assert out == lines[:3] + ['callbacks_enabled = profile_tasks, timer, %s\n' % ON] + lines[4:]
    assert cfg.edit(out, on=True) == out                      # already on: unchanged
    assert cfg.edit(out, on=False) == lines                   # off: back to the original


def test_adds_the_key_or_the_section_when_missing():
    assert cfg.edit(['[defaults]\n', 'forks = 5\n'], on=True) == ['[defaults]\n', 'callbacks_enabled = %s\n' % ON, 'forks = 5\n']
    assert cfg.edit(['[ssh_connection]\n', 'pipelining = True\n'], on=True)[-2:] == ['[defaults]\n', 'callbacks_enabled = %s\n' % ON]
    assert cfg.edit([], on=True) == ['[defaults]\n', 'callbacks_enabled = %s\n' % ON]
    # Off when it is the only callback: the key goes, the section stays.
    assert cfg.edit(['[defaults]\n', 'callbacks_enabled = %s\n' % ON], on=False) == ['[defaults]\n']
    # The old key name is edited in place.
    assert cfg.edit(['[defaults]\n', 'callback_whitelist: timer\n'], on=True) == ['[defaults]\n', 'callback_whitelist: timer, %s\n' % ON]


def test_the_command_writes_the_file_and_turns_it_off(tmp_path):
    target = tmp_path / 'ansible.cfg'
    command = [str(ROOT / 'scripts' / 'overcloud-containers'), 'kolla-dropin', '--config', str(target)]
    subprocess.run(command, check=True, capture_output=True)
    assert target.read_text() == '[defaults]\ncallbacks_enabled = %s\n' % ON
    subprocess.run(command + ['--off'], check=True, capture_output=True)
    assert target.read_text() == '[defaults]\n'
