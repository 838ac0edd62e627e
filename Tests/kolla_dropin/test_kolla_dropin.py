# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Kolla-Ansible 23.0.0's CLI, site.yml and roles, unchanged, with Kolla's modules and with ours.

Run through run.sh (it provides the private Docker engine and namespaces). The same scenario (prechecks,
deploy, deploy again, reconfigure with a changed setting, stop, destroy) runs twice from nothing: with
Kolla-Ansible's own modules, then with the drop-in setting. Every phase must report the same changed
tasks, leave the same containers and the same config files (byte for byte, modes and owners), and
restart or recreate exactly what Kolla does. The one deliberate difference: Kolla-Ansible runs each
container through a systemd unit file, ours keep Docker's restart policy.

Two scenarios (kolla_scenario.SCENARIOS): memcached alone, and keystone (kolla_toolbox, memcached, keystone's
three containers on an external MariaDB), each over a local connection or SSH. OC_KOLLA_SCENARIOS picks
them (SCENARIO:CONNECTION, comma-separated; default below).
"""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

import kolla_scenario as ks

UNITS = '/etc/systemd/system'
# Each keystone scenario takes about 8 minutes (Kolla runs keystone's database migration, its bootstrap and the
# registration through kolla_toolbox on every deploy and reconfigure), memcached's 1.5: by default keystone runs
# locally (memcached's local case is part of it: the same role, the same checks) and memcached over SSH.
# All four: OC_KOLLA_SCENARIOS=memcached:local,memcached:ssh,keystone:local,keystone:ssh.
COMBINATIONS = os.environ.get('OC_KOLLA_SCENARIOS', 'memcached:ssh,keystone:local').split(',')
# What Kolla itself does to each container in this scenario (so an equality of two no-ops cannot pass).
KOLLA_EVENTS = {
    'memcached': {
        'deploy': {'memcached': 'created'},
        'deploy-again': {'memcached': 'none'},
        'reconfigure': {'memcached': 'restarted'},
    },
    'keystone': {
        'deploy': {'external_mariadb': 'none', 'kolla_toolbox': 'created', 'memcached': 'created',
                   'keystone_api': 'created', 'keystone_fernet': 'created', 'keystone_ssh': 'created'},
        'deploy-again': {'external_mariadb': 'none', 'kolla_toolbox': 'none', 'memcached': 'none',
                         'keystone_api': 'none', 'keystone_fernet': 'none', 'keystone_ssh': 'none'},
        # keystone.conf (debug) changed: the two containers that read it restart; sshd's config did not change.
        'reconfigure': {'external_mariadb': 'none', 'kolla_toolbox': 'none', 'memcached': 'restarted',
                        'keystone_api': 'restarted', 'keystone_fernet': 'restarted', 'keystone_ssh': 'none'},
    },
}
DEPLOY_AGAIN = 'deploy-again'
VERBOSE = ('prechecks', DEPLOY_AGAIN)  # run with -vvv to see which module ran how


def events(before: dict, after: dict) -> dict:
    """What a phase did to each container: created, recreated, restarted, removed or nothing."""
    out = {}
    for name in sorted(set(before) | set(after)):
        if name not in before:
            out[name] = 'created'
        elif name not in after:
            out[name] = 'removed'
        elif before[name][0] != after[name][0]:
            out[name] = 'recreated'
        elif before[name][1] != after[name][1]:
            out[name] = 'restarted'
        else:
            out[name] = 'none'
    return out


def unit_files() -> list:
    return sorted(n for n in os.listdir(UNITS) if n.startswith('kolla-') and n.endswith('-container.service'))


def keystone_token(deployment: ks.Deployment) -> bool:
    """Keystone issues a token to Kolla's admin (password auth against the deployed database and fernet keys)."""
    body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': 'admin', 'domain': {'name': 'Default'}, 'password': deployment.password('keystone_admin_password')}}},
        'scope': {'project': {'name': 'admin', 'domain': {'name': 'Default'}}}}}
    request = urllib.request.Request('http://127.0.0.1:5000/v3/auth/tokens', data=json.dumps(body).encode(),
                                     headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status == 201 and bool(response.headers.get('X-Subject-Token'))
    except OSError:
        return False


def run_scenario(deployment: ks.Deployment, mode: str) -> dict:
    deployment.reset()
    results, units, tokens, previous = {}, {}, {}, {}
    for phase, args in deployment.phases:
        result = deployment.run(mode, phase, args, verbose=(phase in VERBOSE))
        assert result.rc == 0, '%s/%s failed:\n%s' % (mode, phase, result.output[-6000:])
        result.events = events(previous, result.starts)
        previous = result.starts
        units[phase] = unit_files()
        if deployment.scenario.name == 'keystone' and phase in ('deploy', 'reconfigure'):
            tokens[phase] = keystone_token(deployment)
        results[phase] = result
    return {'results': results, 'units': units, 'tokens': tokens}


@pytest.fixture(scope='module', params=COMBINATIONS)
def scenario(request):
    name, connection = request.param.split(':')
    ssh = None
    if connection == 'ssh':
        sshd = os.environ.get('OC_KOLLA_SSHD_DIR')
        if not sshd:
            pytest.fail('OC_KOLLA_SSHD_DIR is not set (run.sh starts the sshd)')
        with open(os.path.join(sshd, 'port')) as handle:
            port = handle.read().strip()
        ssh = {'dir': sshd, 'port': port, 'user': os.environ.get('OC_SSHD_TEST_USER', 'oc-fastpath'),
               'key': os.path.join(sshd, 'id_ed25519')}
    deployment = ks.Deployment('%s-%s' % (name, connection), ssh=ssh, scenario=name)
    out = {mode: run_scenario(deployment, mode) for mode in ks.MODES}
    out['name'] = name
    return out


def pairs(scenario):
    for phase in scenario['kolla']['results']:
        yield phase, scenario['kolla']['results'][phase], scenario['ours']['results'][phase]


def test_same_changed_tasks_per_phase(scenario):
    for phase, kolla, ours in pairs(scenario):
        assert ours.changed_tasks() == kolla.changed_tasks(), phase


def test_same_containers_after_each_phase(scenario):
    for phase, kolla, ours in pairs(scenario):
        assert ours.containers == kolla.containers, phase


def test_same_config_files_byte_for_byte(scenario):
    for phase, kolla, ours in pairs(scenario):
        assert ours.config == kolla.config, phase


def test_restarts_exactly_where_kolla_restarts(scenario):
    for phase, kolla, ours in pairs(scenario):
        assert ours.events == kolla.events, phase
    kolla = scenario['kolla']['results']
    for phase, expected in KOLLA_EVENTS[scenario['name']].items():
        assert kolla[phase].events == expected, phase
    assert kolla['stop'].containers['memcached']['Status'] == 'exited'
    assert kolla['destroy'].containers == {}
    assert [t for t, n in kolla['deploy'].changed_tasks() if 'Restart memcached' in t]


def test_keystone_serves_after_deploy_and_reconfigure(scenario):
    if scenario['name'] != 'keystone':
        pytest.skip('keystone scenario only')
    for mode in ks.MODES:
        assert scenario[mode]['tokens'] == {'deploy': True, 'reconfigure': True}, mode


def test_the_modules_that_ran(scenario):
    kolla, ours = scenario['kolla']['results'], scenario['ours']['results']
    # Kolla's: its Python modules (pipelined AnsiballZ payloads).
    assert 'kolla_container_facts.py' in kolla['prechecks'].output
    assert 'kolla_container.py' in kolla[DEPLOY_AGAIN].output
    assert 'exec "$b"' not in kolla[DEPLOY_AGAIN].output
    # Ours: every kolla_container / kolla_container_facts task is one fast-path command.
    assert 'exec "$b" kolla_container_facts -' in ours['prechecks'].output
    assert 'exec "$b" kolla_docker -' in ours[DEPLOY_AGAIN].output
    assert 'kolla_container.py' not in ours[DEPLOY_AGAIN].output
    assert 'kolla_container_facts.py' not in ours['prechecks'].output


def test_the_one_deliberate_difference_systemd_units(scenario):
    # Kolla-Ansible writes a unit file per container; ours keep Docker's restart policy instead.
    kolla_names = {name for name, info in scenario['kolla']['results']['deploy'].containers.items()
                   if name != ks.EXTERNAL_DATABASE}
    assert scenario['kolla']['units']['deploy'] == sorted('kolla-%s-container.service' % n for n in kolla_names)
    assert scenario['ours']['units']['deploy'] == []
