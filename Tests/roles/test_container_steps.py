"""TripleO-style step deployment (role overcloud.containers.tripleo_container_steps) on the local dockerd, with a
THT-shaped docker_config like Glance's (a one-shot db-sync container in step 3, the service in step 4), run by
real ansible-playbook. Each container appends its name to a bind-mounted file when it starts, so the file is
the order in which they really started.

The tests are one story and run in file order. Containers are named oc-rl-s-*; the fixture removes them.
Environment: OC_ROLES_COLLECTIONS, OC_VENV (see test_service_lifecycle.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'Tests'))
from testlib import docker, installed_collections  # noqa: E402
VENV = Path(os.environ.get('OC_VENV', '/tmp/oc-venv'))
IMAGE = 'overcloud-test/kolla-base:1'
PREFIX = 'oc-rl-s-'
RECAP = re.compile(r'^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')


def service(name: str, out: Path, **keys) -> dict:
    """A long-running container that records its start, then waits (and exits at once on SIGTERM)."""
    return dict(image=IMAGE, net='host', privileged=False, restart='always',
                volumes=[f'{out}:/out', '/etc/localtime:/etc/localtime:ro'],
                environment=['KOLLA_CONFIG_STRATEGY=COPY_ALWAYS'],
                command=['sh', '-c', f'echo {name} >> /out/order; trap "exit 0" TERM; sleep 86400 & wait'], **keys)


def oneshot(name: str, out: Path, script: str = 'true', **keys) -> dict:
    """A one-shot container (detach: false) that records its run, then runs `script`."""
    return dict(image=IMAGE, net='host', privileged=False, detach=False, user='root',
                volumes=[f'{out}:/out'], environment=['KOLLA_BOOTSTRAP=True', 'KOLLA_CONFIG_STRATEGY=COPY_ALWAYS'],
                command=['sh', '-c', f'echo {name} >> /out/order; {script}'], **keys)


class Steps:
    def __init__(self, work: Path, collections: str):
        self.work, self.out = work, work / 'out'
        self.out.mkdir()
        (self.out / 'order').write_text('')
        (work / 'site.yml').write_text('- name: Step deployment\n  hosts: localhost\n  gather_facts: false\n'
                                       '  roles:\n    - role: overcloud.containers.tripleo_container_steps\n')
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_LOCALHOST_WARNING='false',
                        ANSIBLE_NOCOLOR='1', ANSIBLE_LOCAL_TEMP=str(work / 'ansible-tmp'))

    def apply(self, docker_config: dict, expect_rc: int = 0, **extra) -> dict:
        (self.work / 'vars.json').write_text(json.dumps({
            'tripleo_container_steps_config_dir': str(self.work / 'startup-config'),
            'tripleo_container_steps_docker_config': docker_config,
            'tripleo_container_steps_common_options': {'graceful_timeout': 2}, **extra}))
        proc = subprocess.run(
            [str(VENV / 'bin/ansible-playbook'), '-i', 'localhost,', '-c', 'local', '-e', f'@{self.work}/vars.json',
             '-e', f'ansible_python_interpreter={VENV}/bin/python', str(self.work / 'site.yml')],
            capture_output=True, text=True, env=self.env, cwd=self.work)
        output = proc.stdout + proc.stderr
        assert proc.returncode == expect_rc, f'rc {proc.returncode}\n{output[-6000:]}'
        recap = RECAP.search(output)
        return dict(output=output, **dict(zip(('ok', 'changed', 'unreachable', 'failed'), map(int, recap.groups()))))

    def order(self) -> list[str]:
        return (self.out / 'order').read_text().split()

    def glance_like(self, api_env: str = 'TRIPLEO_CONFIG_HASH=aaa', early: bool = True) -> dict:
        step_2 = {PREFIX + 'early': oneshot('early', self.out, start_order=0)} if early else {}
        step_2[PREFIX + 'cache'] = service('cache', self.out, start_order=1)
        return {
            'step_1': {PREFIX + 'db': service('db', self.out)},
            'step_2': step_2,
            'step_3': {PREFIX + 'db_sync': oneshot('db_sync', self.out)},
            'step_4': {PREFIX + 'api_b': service('api_b', self.out, start_order=2,
                                                 healthcheck={'test': 'true'}),
                       PREFIX + 'api_a': dict(service('api_a', self.out, start_order=1),
                                              environment=['KOLLA_CONFIG_STRATEGY=COPY_ALWAYS', api_env])},
        }


def containers() -> dict[str, dict]:
    names = docker('ps', '-a', '--filter', f'name=^/{PREFIX}', '--format', '{{.Names}}').split()
    return {c['Name'].lstrip('/'): dict(id=c['Id'], status=c['State']['Status'], labels=c['Config']['Labels'])
            for c in (json.loads(docker('inspect', *names)) if names else [])}


def remove_containers() -> None:
    names = docker('ps', '-aq', '--filter', f'name=^/{PREFIX}').split()
    if names:
        docker('rm', '-f', *names, check=False)


@pytest.fixture(scope='module')
def steps():
    if subprocess.run(['docker', 'image', 'inspect', IMAGE], capture_output=True).returncode != 0:
        subprocess.run([str(ROOT / 'scripts/fixtures/kolla-images.sh')], check=True, capture_output=True)
    remove_containers()
    work = Path(tempfile.mkdtemp(prefix='oc-rl-steps.'))
    collections = installed_collections('OC_ROLES_COLLECTIONS', work)
    try:
        yield Steps(work, collections)
    finally:
        remove_containers()
        shutil.rmtree(work, ignore_errors=True)


def test_steps_start_in_step_and_start_order_order(steps):
    result = steps.apply(steps.glance_like())
    assert result['failed'] == 0
    assert steps.order() == ['db', 'early', 'cache', 'db_sync', 'api_a', 'api_b']
    state = containers()
    assert {name: c['status'] for name, c in state.items()} == {
        PREFIX + 'db': 'running', PREFIX + 'early': 'exited', PREFIX + 'cache': 'running',
        PREFIX + 'db_sync': 'exited', PREFIX + 'api_a': 'running', PREFIX + 'api_b': 'running'}
    labels = state[PREFIX + 'db_sync']['labels']
    assert labels['config_id'] == 'tripleo_step3'
    assert labels['managed_by'] == 'tripleo_ansible'
    assert labels['container_name'] == PREFIX + 'db_sync'
    assert json.loads(labels['config_data'])['environment'] == ['KOLLA_BOOTSTRAP=True', 'KOLLA_CONFIG_STRATEGY=COPY_ALWAYS']
    written = json.loads((steps.work / 'startup-config/step_4' / f'{PREFIX}api_b.json').read_text())
    assert written['start_order'] == 2


def test_second_apply_changes_nothing(steps):
    before = containers()
    result = steps.apply(steps.glance_like())
    assert result['changed'] == 0
    assert containers() == before
    assert steps.order() == ['db', 'early', 'cache', 'db_sync', 'api_a', 'api_b'], 'no one-shot container ran again'


def test_a_new_config_hash_recreates_only_that_container(steps):
    before = containers()
    steps.apply(steps.glance_like(api_env='TRIPLEO_CONFIG_HASH=bbb'))
    after = containers()
    changed = sorted(name for name in after if after[name]['id'] != before[name]['id'])
    assert changed == [PREFIX + 'api_a']
    assert steps.order()[-1] == 'api_a'
    assert 'TRIPLEO_CONFIG_HASH=bbb' in json.loads(after[PREFIX + 'api_a']['labels']['config_data'])['environment']


def test_orphans_of_a_step_are_removed(steps):
    steps.apply(steps.glance_like(api_env='TRIPLEO_CONFIG_HASH=bbb', early=False))
    assert PREFIX + 'early' not in containers()
    assert not (steps.work / 'startup-config/step_2' / f'{PREFIX}early.json').exists()
    assert PREFIX + 'cache' in containers()


def test_a_failing_one_shot_container_fails_its_step(steps):
    config = steps.glance_like(api_env='TRIPLEO_CONFIG_HASH=bbb', early=False)
    config['step_3'][PREFIX + 'db_sync'] = oneshot('db_sync_v2', steps.out, 'echo "boom: schema is broken"; exit 3')
    config['step_4'][PREFIX + 'late'] = service('late', steps.out)
    result = steps.apply(config, expect_rc=2)
    assert f'{PREFIX}db_sync exited with code 3 (valid: 0)' in result['output']
    assert 'boom: schema is broken' in result['output']
    assert PREFIX + 'late' not in containers(), 'step 4 did not run'
    # exit_codes makes the same exit code valid.
    config['step_3'][PREFIX + 'db_sync']['exit_codes'] = [0, 3]
    steps.apply(config)
    assert containers()[PREFIX + 'late']['status'] == 'running'


def test_bad_definitions_are_named_and_nothing_starts(steps):
    """An unknown key, a key paunch accepts that the module refuses, a wrong type, a missing volume source: the step
    fails naming the container and the key, and no container of the step is started."""
    before = containers()
    for name, change, message in [
        ('typo', {'colour': 'blue'}, 'colour: unknown key'),
        ('systemd', {'systemd_exec_flags': {}}, 'systemd_exec_flags: not supported'),
        ('typed', {'volumes': '/a:/b'}, 'volumes: expected a list, got str'),
        ('source', {'volumes': ['/nonexistent/oc-rl-s:/x']}, 'volumes: source /nonexistent/oc-rl-s does not exist'),
    ]:
        config = {'step_1': {PREFIX + 'fine': service('fine', steps.out), PREFIX + name: dict(service(name, steps.out), **change)}}
        result = steps.apply(config, expect_rc=2, tripleo_container_steps_steps=[1],
                             tripleo_container_steps_config_id_prefix='oc_rl_bad_step')
        assert f'{PREFIX}{name}: {message}' in result['output']
        assert set(containers()) == set(before), 'nothing started'


def test_users_networks_and_exec_as_tht_uses_them(steps):
    """user other than root, net none, a keystone-style action: exec with retries, depends_on."""
    config = {'step_1': {
        PREFIX + 'svc': dict(service('svc', steps.out), user='nobody', start_order=1),
        PREFIX + 'isolated': dict(oneshot('isolated', steps.out, 'test "$(ls /sys/class/net)" = lo'), net='none', start_order=0),
        PREFIX + 'bootstrap': dict(action='exec', start_order=2, user='root', retries=1, retry_sleep=1,
                                   command=[PREFIX + 'svc', 'sh', '-c', 'id -u; echo exec >> /out/order'],
                                   depends_on=[PREFIX + 'svc'])}}
    extra = dict(tripleo_container_steps_steps=[1], tripleo_container_steps_config_id_prefix='oc_rl_exec_step')
    (steps.out / 'order').chmod(0o666)  # svc writes as nobody
    before = len(steps.order())
    steps.apply(config, **extra)
    assert steps.order()[before:] == ['isolated', 'svc', 'exec']
    state = json.loads(docker('inspect', PREFIX + 'svc'))[0]
    assert state['Config']['User'] == 'nobody'
    assert json.loads(docker('inspect', PREFIX + 'isolated'))[0]['HostConfig']['NetworkMode'] == 'none'
    assert steps.apply(config, **extra)['changed'] == 0, 'a rerun runs no exec again'
    assert steps.order()[before:] == ['isolated', 'svc', 'exec']


def test_config_hash_comes_from_the_puppet_config_checksums(steps):
    """puppet_config (update_config_hash_only) puts TRIPLEO_CONFIG_HASH from <prefix>/puppet-generated/<volume>.md5sum
    into the definitions that mount the volume; a new checksum recreates exactly that container."""
    prefix = steps.work / 'config-data'
    (prefix / 'puppet-generated' / 'hashed').mkdir(parents=True)
    checksum = prefix / 'puppet-generated' / 'hashed.md5sum'
    checksum.write_text('aaa\n')
    definition = service('hashed', steps.out)
    definition['volumes'].append(f'{prefix}/puppet-generated/hashed/:/var/lib/kolla/config_files/src:ro')
    config = {'step_1': {PREFIX + 'hashed': definition, PREFIX + 'plain': service('plain', steps.out)}}
    extra = dict(tripleo_container_steps_check_puppet_config=True, tripleo_container_steps_config_vol_prefix=str(prefix),
                 tripleo_container_steps_config_id_prefix='oc_rl_hash_step', tripleo_container_steps_steps=[1])

    def env(name: str) -> list[str]:
        return json.loads(docker('inspect', name))[0]['Config']['Env']

    steps.apply(config, **extra)
    assert 'TRIPLEO_CONFIG_HASH=aaa' in env(PREFIX + 'hashed')
    assert not any(e.startswith('TRIPLEO_CONFIG_HASH=') for e in env(PREFIX + 'plain'))
    before = containers()
    assert steps.apply(config, **extra)['changed'] == 0
    checksum.write_text('bbb\n')
    steps.apply(config, **extra)
    after = containers()
    assert after[PREFIX + 'hashed']['id'] != before[PREFIX + 'hashed']['id']
    assert after[PREFIX + 'plain']['id'] == before[PREFIX + 'plain']['id']
    assert 'TRIPLEO_CONFIG_HASH=bbb' in env(PREFIX + 'hashed')
