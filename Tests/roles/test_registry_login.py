"""ContainerImageRegistryLogin on a node (role overcloud.containers.tripleo_container_steps, real ansible-playbook,
the local dockerd as the node's engine): an image in the htpasswd registry (Tests/registry/registries.py `tls`)
cannot be pulled by the step before the login step, and is after it; the password never shows; a wrong password
fails the login naming the registry; a second run changes nothing.

The node's login store is a private DOCKER_CONFIG directory (never root's ~/.docker). Containers are named
oc-rl-login-*; the pushed image is removed again. Environment: OC_ROLES_COLLECTIONS, OC_VENV (as test_container_steps).
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
from testlib import installed_collections  # noqa: E402
sys.path.insert(0, str(ROOT / 'Tests/registry'))
import registries  # noqa: E402

VENV = Path(os.environ.get('OC_VENV', '/tmp/oc-venv'))
BASE = 'overcloud-test/kolla-base:1'
NAME = 'oc-rl-login-api'
RECAP = re.compile(r'^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')


def docker(*args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(['docker', *args], capture_output=True, text=True, check=check, **kw)


@pytest.fixture(scope='module')
def node():
    if docker('image', 'inspect', BASE, check=False).returncode != 0:
        subprocess.run([str(ROOT / 'scripts/fixtures/kolla-images.sh')], check=True, capture_output=True)
    registries.start_all()
    secret = registries.secret()['tls']
    registry = registries.netloc('tls')
    image = f'{registry}/oc-rl-login/kolla-base:1'
    work = Path(tempfile.mkdtemp(prefix='oc-rl-login.'))
    pusher = work / 'pusher-config'  # the operator's login, only to put the image into the registry
    docker('--config', str(pusher), 'login', '--username', secret['user'], '--password-stdin', registry,
           input=secret['password'])
    docker('tag', BASE, image)
    docker('--config', str(pusher), 'push', image)
    docker('rmi', image)
    collections = installed_collections('OC_ROLES_COLLECTIONS', work)
    (work / 'site.yml').write_text('- name: Step deployment\n  hosts: localhost\n  gather_facts: false\n'
                                   '  roles:\n    - role: overcloud.containers.tripleo_container_steps\n')
    store = work / 'node-config'  # the node's login store (DOCKER_CONFIG), empty at first
    store.mkdir()
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCAL_TEMP=str(work / 'ansible-tmp'), DOCKER_CONFIG=str(store))
    try:
        yield dict(work=work, env=env, image=image, registry=registry, user=secret['user'], password=secret['password'],
                   store=store)
    finally:
        docker('rm', '-f', NAME, check=False)
        docker('rmi', image, check=False)
        shutil.rmtree(work, ignore_errors=True)


def apply(node, expect_rc: int, **extra) -> dict:
    definition = dict(image=node['image'], net='host', restart='always', command=['sh', '-c', 'trap "exit 0" TERM; sleep 86400 & wait'])
    (node['work'] / 'vars.json').write_text(json.dumps({
        'tripleo_container_steps_config_dir': str(node['work'] / 'startup-config'),
        'tripleo_container_steps_docker_config': {'step_1': {NAME: definition}},
        'tripleo_container_steps_steps': [1], **extra}))
    proc = subprocess.run(
        [str(VENV / 'bin/ansible-playbook'), '-i', 'localhost,', '-c', 'local', '-e', f'@{node["work"]}/vars.json',
         '-e', f'ansible_python_interpreter={VENV}/bin/python', str(node['work'] / 'site.yml')],
        capture_output=True, text=True, env=node['env'], cwd=node['work'])
    output = proc.stdout + proc.stderr
    assert proc.returncode == expect_rc, f'rc {proc.returncode}\n{output[-6000:]}'
    assert node['password'] not in output
    recap = RECAP.search(output)
    return dict(output=output, **dict(zip(('ok', 'changed', 'unreachable', 'failed'), map(int, recap.groups()))))


def login_vars(node, password: str | None = None) -> dict:
    return {'tripleo_container_steps_registry_login': True,
            'tripleo_container_steps_registry_credentials': {node['registry']: {node['user']: password or node['password']}}}


def login_task(result: dict) -> str:
    """The output of the login task (its `TASK [...]` block)."""
    blocks = [b for b in result['output'].split('TASK [') if b.split(']')[0].endswith('Log the container engine in to the '
                                                                                      'registries of ContainerImageRegistryCredentials')]
    assert len(blocks) == 1, result['output'][-4000:]
    return blocks[0]


def running(name: str) -> bool:
    out = docker('inspect', '--format', '{{.State.Running}}', name, check=False)
    return out.returncode == 0 and out.stdout.strip() == 'true'


def test_without_the_login_the_pull_is_refused(node):
    result = apply(node, 2)
    assert node['image'] in result['output'] and 'pull failed' in result['output'], result['output'][-3000:]
    assert not running(NAME)
    assert docker('image', 'inspect', node['image'], check=False).returncode != 0


def test_a_wrong_password_fails_the_login_naming_the_registry(node):
    wrong = 'Pw-wrong-' + node['password'][-6:]
    result = apply(node, 2, **login_vars(node, wrong))
    assert f'login failed for {node["registry"]}' in result['output'], result['output'][-3000:]
    assert wrong not in result['output']
    assert not running(NAME)


def test_after_the_login_the_step_pulls_and_runs(node):
    result = apply(node, 0, **login_vars(node))
    assert running(NAME)
    assert docker('image', 'inspect', node['image'], check=False).returncode == 0
    stored = json.loads((node['store'] / 'config.json').read_text())
    assert node['registry'] in stored['auths']
    assert (node['store'] / 'config.json').stat().st_mode & 0o077 == 0
    assert 'changed: [localhost]' in login_task(result), result['output'][-4000:]


def test_a_second_run_changes_nothing(node):
    result = apply(node, 0, **login_vars(node))
    assert result['changed'] == 0, result['output'][-4000:]
    assert 'ok: [localhost]' in login_task(result)
    assert running(NAME)
