"""Each role's meta/argument_specs.yml against its defaults/main.yml, and the kolla_action list against the one in
playbooks/site.yml: the specs are static YAML that Ansible validates arguments with, so nothing else keeps them in
step with the defaults the role really uses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ROLES = sorted(p for p in (ROOT / 'collection' / 'roles').iterdir() if (p / 'meta' / 'argument_specs.yml').is_file())


def load(path: Path):
    return yaml.safe_load(path.read_text()) or {}


def site_actions() -> list[str]:
    plays = load(ROOT / 'playbooks' / 'site.yml')
    return plays[0]['vars']['kolla_actions']


def role_defaults(role: Path) -> dict:
    """The role's defaults over service_common's (the globals every service role depends on, as Kolla's group_vars)."""
    merged = {}
    for folder in (ROOT / 'collection' / 'roles' / 'service_common', role):
        if (folder / 'defaults' / 'main.yml').is_file():
            merged.update(load(folder / 'defaults' / 'main.yml'))
    return merged


def spec_options(role: Path):
    """(entry point, option name, option spec) for every documented option of the role."""
    for entry, spec in load(role / 'meta' / 'argument_specs.yml')['argument_specs'].items():
        for name, option in (spec.get('options') or {}).items():
            yield entry, name, option


@pytest.mark.parametrize('role', ROLES, ids=lambda p: p.name)
def test_spec_defaults_are_the_role_defaults(role):
    defaults = role_defaults(role)
    wrong = []
    for entry, name, option in spec_options(role):
        if 'default' not in option:
            continue
        if name not in defaults:
            wrong.append(f'{entry}.{name}: documented default {option["default"]!r}, not in the defaults')
        elif defaults[name] != option['default']:
            wrong.append(f'{entry}.{name}: documented default {option["default"]!r}, the defaults have {defaults[name]!r}')
    assert not wrong, '\n'.join(wrong)


@pytest.mark.parametrize('role', ROLES, ids=lambda p: p.name)
def test_optional_main_options_have_a_default(role):
    """An optional option of the main entry point that no defaults file sets would be undefined in the role. Passwords
    are the exception, as in Kolla: they come from passwords.yml, and precheck fails naming a missing one."""
    defaults = role_defaults(role)
    missing = [name for entry, name, option in spec_options(role)
               if entry == 'main' and not option.get('required') and name not in defaults
               and not name.endswith('password')]
    assert not missing, f'documented in argument_specs.yml, not set in defaults/main.yml: {missing}'


def test_every_kolla_action_list_is_the_site_playbooks():
    actions = site_actions()
    assert len(set(actions)) == len(actions)
    lists = {role.name: option['choices'] for role in ROLES for _, name, option in spec_options(role)
             if name == 'kolla_action'}
    assert lists, 'no role documents kolla_action'
    differing = {role: choices for role, choices in lists.items() if sorted(choices) != sorted(actions)}
    assert not differing, f'kolla_action choices differ from playbooks/site.yml {actions}: {differing}'
