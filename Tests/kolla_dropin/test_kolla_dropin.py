# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Kolla-Ansible 23.0.0's CLI, site.yml and memcached role, unchanged, with Kolla's modules and with ours.

Run through run.sh (it provides the private Docker engine and namespace). The same scenario (prechecks,
deploy, deploy again, reconfigure with a changed setting, stop, destroy) runs twice from nothing: with
Kolla-Ansible's own modules, then with the drop-in setting. Every phase must report the same changed
tasks, leave the same containers and the same config files (byte for byte, modes and owners), and
restart or recreate exactly what Kolla does. The one deliberate difference: Kolla-Ansible runs each
container through a systemd unit file, ours keep Docker's restart policy.
"""

from __future__ import annotations

import os

import pytest

import kolla_scenario as ks

UNIT = '/etc/systemd/system/kolla-memcached-container.service'
CONNECTIONS = ['local', 'ssh']
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


def run_scenario(deployment: ks.Deployment, mode: str) -> dict:
    deployment.reset()
    results, units, previous = {}, {}, {}
    for phase, args in ks.PHASES:
        result = deployment.run(mode, phase, args, verbose=(phase in VERBOSE))
        assert result.rc == 0, '%s/%s failed:\n%s' % (mode, phase, result.output[-6000:])
        result.events = events(previous, result.starts)
        previous = result.starts
        units[phase] = os.path.exists(UNIT)
        results[phase] = result
    return {'results': results, 'units': units}


@pytest.fixture(scope='module', params=CONNECTIONS)
def scenario(request):
    ssh = None
    if request.param == 'ssh':
        sshd = os.environ.get('OC_KOLLA_SSHD_DIR')
        if not sshd:
            pytest.fail('OC_KOLLA_SSHD_DIR is not set (run.sh starts the sshd)')
        with open(os.path.join(sshd, 'port')) as handle:
            port = handle.read().strip()
        ssh = {'dir': sshd, 'port': port, 'user': os.environ.get('OC_SSHD_TEST_USER', 'oc-fastpath'),
               'key': os.path.join(sshd, 'id_ed25519')}
    deployment = ks.Deployment(request.param, ssh=ssh)
    return {mode: run_scenario(deployment, mode) for mode in ks.MODES}


def pairs(scenario):
    for phase, _args in ks.PHASES:
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
    # What Kolla itself does in this scenario (so an equality of two no-ops cannot pass).
    kolla = scenario['kolla']['results']
    assert kolla['deploy'].events == {'memcached': 'created'}
    assert kolla['deploy-again'].events == {'memcached': 'none'}
    assert kolla['reconfigure'].events == {'memcached': 'restarted'}
    assert kolla['stop'].containers['memcached']['Status'] == 'exited'
    assert kolla['destroy'].containers == {}
    assert [t for t, n in kolla['deploy'].changed_tasks() if 'Restart memcached' in t]


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
    assert scenario['kolla']['units']['deploy'] is True
    assert scenario['ours']['units']['deploy'] is False
