"""A real OpenStack control plane through the Kolla-style roles: MariaDB, memcached, Keystone and Placement from
the image tree (images/, tags zed-1 and zed-2), deployed by scripts/overcloud-containers (real ansible-playbook,
playbooks/site.yml) on the local dockerd, and checked through the services themselves: the OpenStack client of the
kolla-toolbox image, Keystone's and Placement's HTTP APIs, the containers' state.

One story, in file order: deploy from nothing, redeploy, reconfigure, a wrong admin password, a Keystone that never
gets healthy, upgrade, destroy. Everything it creates is named oc-cp-t-* or lives under /tmp/oc-cp-test.*; the
module fixture removes it at the end, pass or fail.

Environment: OC_ROLES_COLLECTIONS (an ANSIBLE_COLLECTIONS_PATH with overcloud.containers installed; default: the
built tarball installed into the temp directory), OC_VENV (ansible-core venv, default /tmp/oc-venv),
OC_SKIP_IMAGE_BUILD=1 (use the overcloud/* images as they are instead of running scripts/images.sh -p default).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'Tests'))
from testlib import docker, installed_collections  # noqa: E402
CLI = ROOT / 'scripts' / 'overcloud-containers'
VENV = Path(os.environ.get('OC_VENV', '/tmp/oc-venv'))
PREFIX = 'oc-cp-t-'
KEYSTONE_PORT, PLACEMENT_PORT, DATABASE_PORT, MEMCACHED_PORT = 25000, 28780, 23306, 21211
KEYSTONE = f'http://127.0.0.1:{KEYSTONE_PORT}'
PLACEMENT = f'http://127.0.0.1:{PLACEMENT_PORT}'
TOOLBOX = 'overcloud/kolla-toolbox:zed-1'
CONTAINERS = [PREFIX + name for name in ('memcached', 'mariadb', 'keystone_api', 'keystone_fernet', 'placement_api')]
KEYSTONE_CONTAINERS = [PREFIX + 'keystone_api', PREFIX + 'keystone_fernet']
RECAP = re.compile(r'^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')


class ControlPlane:
    """One deployment: its config dir (globals, passwords, overrides) and the CLI to drive it."""

    def __init__(self, work: Path, collections: str):
        self.work = work
        self.etc = work / 'etc'
        self.node = work / 'node'
        (self.etc / 'config').mkdir(parents=True)
        (self.etc / 'globals.yml').write_text(
            f'node_config_directory: {self.node}\n'
            f'kolla_name_prefix: {PREFIX}\n'
            'docker_namespace: overcloud\n'
            'openstack_tag: zed-1\n'
            'mariadb_image: "{{ docker_image_url }}mariadb-server"\n'
            'memcached_image: "{{ docker_image_url }}memcached"\n'
            'enable_demo_api: false\n'
            'enable_keystone: true\n'
            'enable_placement: true\n'
            f'memcached_port: {MEMCACHED_PORT}\n'
            f'database_port: {DATABASE_PORT}\n'
            f'keystone_public_port: {KEYSTONE_PORT}\n'
            f'placement_api_port: {PLACEMENT_PORT}\n'
            'docker_graceful_timeout: 5\n'
            'default_container_healthcheck_interval: 2\n'
            'default_container_healthcheck_start_period: 10\n'
            'service_wait_timeout: 240\n')
        self.passwords = {name: os.urandom(12).hex() for name in (
            'database_password', 'keystone_admin_password', 'keystone_database_password',
            'placement_database_password', 'placement_keystone_password')}
        (self.etc / 'passwords.yml').write_text(''.join(f'{k}: {v}\n' for k, v in self.passwords.items()))
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_LOCALHOST_WARNING='false',
                        ANSIBLE_NOCOLOR='1', ANSIBLE_RETRY_FILES_ENABLED='false', OC_VENV=str(VENV),
                        ANSIBLE_LOCAL_TEMP=str(work / 'ansible-tmp'))

    def run(self, command: str, *args: str, expect_rc: int = 0) -> dict:
        """Runs `overcloud-containers COMMAND --configdir ETC ARGS`; returns rc, output and the recap counts."""
        proc = subprocess.run([str(CLI), command, '--configdir', str(self.etc), *args], capture_output=True,
                              text=True, env=self.env, cwd=self.work)
        output = proc.stdout + proc.stderr
        assert proc.returncode == expect_rc, f'{command} {args}: rc {proc.returncode}\n{output[-6000:]}'
        recap = RECAP.search(output)
        counts = dict(zip(('ok', 'changed', 'unreachable', 'failed'), map(int, recap.groups()))) if recap else {}
        return dict(rc=proc.returncode, output=output, **counts)

    def openstack(self, *args: str) -> str:
        """The OpenStack client of the kolla-toolbox image, as the admin (password in the client's environment)."""
        env = {'OS_AUTH_URL': KEYSTONE + '/v3', 'OS_USERNAME': 'admin', 'OS_PROJECT_NAME': 'admin',
               'OS_USER_DOMAIN_NAME': 'Default', 'OS_PROJECT_DOMAIN_NAME': 'Default', 'OS_IDENTITY_API_VERSION': '3',
               'OS_REGION_NAME': 'RegionOne', 'OS_INTERFACE': 'internal'}
        proc = subprocess.run(['docker', 'run', '--rm', '--network', 'host', *sum((['-e', f'{k}={v}'] for k, v in env.items()), []),
                               '-e', 'OS_PASSWORD', TOOLBOX, 'openstack', *args, '-f', 'json'],
                              capture_output=True, text=True,
                              env=dict(os.environ, OS_PASSWORD=self.passwords['keystone_admin_password']))
        assert proc.returncode == 0, f'openstack {args}: {proc.stderr[-3000:]}'
        return proc.stdout

    def token(self) -> tuple[str, dict]:
        """A project-scoped admin token (Keystone's API directly) and its body."""
        body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
            'name': 'admin', 'domain': {'name': 'Default'}, 'password': self.passwords['keystone_admin_password']}}},
            'scope': {'project': {'name': 'admin', 'domain': {'name': 'Default'}}}}}
        request = urllib.request.Request(KEYSTONE + '/v3/auth/tokens', data=json.dumps(body).encode(),
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.headers['X-Subject-Token'], json.loads(answer.read())['token']


def changed_tasks(output: str) -> list[str]:
    """The tasks a run reports changed (for assertion messages)."""
    return re.findall(r'^TASK \[(.*)\] \**\n(?:changed|.*=> \(item=.*\)\n)*changed', output, re.M)


def http(url: str, headers: dict | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def lifetime(token: dict) -> float:
    parse = lambda text: datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))  # noqa: E731
    return (parse(token['expires_at']) - parse(token['issued_at'])).total_seconds()


def containers() -> dict[str, dict]:
    """Our containers by name: id, image, status, health, start time."""
    names = docker('ps', '-a', '--filter', f'name=^/{PREFIX}', '--format', '{{.Names}}').split()
    if not names:
        return {}
    inspected = json.loads(docker('inspect', *names))
    return {c['Name'].lstrip('/'): dict(id=c['Id'], image=c['Config']['Image'], status=c['State']['Status'],
                                        health=(c['State'].get('Health') or {}).get('Status'),
                                        started=c['State']['StartedAt']) for c in inspected}


def volumes() -> list[str]:
    return docker('volume', 'ls', '-q', '--filter', f'name={PREFIX}').split()


def remove_leftovers() -> None:
    names = docker('ps', '-aq', '--filter', f'name=^/{PREFIX}').split()
    if names:
        docker('rm', '-f', *names, check=False)
    if volumes():
        docker('volume', 'rm', *volumes(), check=False)


@pytest.fixture(scope='module')
def plane():
    if os.environ.get('OC_SKIP_IMAGE_BUILD') != '1':
        subprocess.run([str(ROOT / 'scripts/images.sh'), '-p', 'default'], check=True, capture_output=True)
    remove_leftovers()
    work = Path(tempfile.mkdtemp(prefix='oc-cp-test.'))
    collections = installed_collections('OC_ROLES_COLLECTIONS', work)
    try:
        yield ControlPlane(work, collections)
    finally:
        remove_leftovers()
        shutil.rmtree(work, ignore_errors=True)


def test_deploy_from_nothing(plane):
    assert containers() == {}
    result = plane.run('deploy')
    assert result['failed'] == 0 and result['changed'] > 0
    state = containers()
    assert sorted(state) == sorted(CONTAINERS), 'the one-shot containers are gone, the services run'
    assert {c['status'] for c in state.values()} == {'running'}
    assert state[PREFIX + 'keystone_api']['health'] == 'healthy' and state[PREFIX + 'placement_api']['health'] == 'healthy'
    for secret in plane.passwords.values():
        assert secret not in result['output']
    # The OpenStack client: a token, and the catalog with identity and placement (internal and public).
    issued = json.loads(plane.openstack('token', 'issue'))
    assert issued['project_id'] and issued['user_id']
    endpoints = json.loads(plane.openstack('endpoint', 'list'))
    assert {(e['Service Type'], e['Interface'], e['URL']) for e in endpoints} >= {
        ('identity', 'internal', KEYSTONE), ('identity', 'public', KEYSTONE),
        ('placement', 'internal', PLACEMENT), ('placement', 'public', PLACEMENT)}
    # Placement accepts a Keystone token (and refuses a request without one).
    token, _ = plane.token()
    assert http(PLACEMENT + '/resource_providers', {'X-Auth-Token': token}) == 200
    assert http(PLACEMENT + '/resource_providers') == 401
    assert sorted(volumes()) == sorted(PREFIX + v for v in (
        'kolla_logs', 'mariadb', 'keystone_fernet_tokens', 'keystone_credential_keys'))


def test_second_deploy_changes_nothing(plane):
    before = containers()
    result = plane.run('deploy')
    assert result['changed'] == 0 and result['failed'] == 0, f'changed: {changed_tasks(result["output"])}'
    assert containers() == before, 'nothing restarted'


def test_reconfigure_token_expiration_restarts_only_keystone(plane):
    before = containers()
    (plane.etc / 'config' / 'keystone.conf').write_text('[token]\nexpiration = 900\n')
    result = plane.run('reconfigure')
    assert result['failed'] == 0 and result['changed'] >= 2
    after = containers()
    for name in CONTAINERS:
        if name in KEYSTONE_CONTAINERS:
            assert after[name]['started'] != before[name]['started'], f'{name} restarted with the new keystone.conf'
        else:
            assert after[name] == before[name], f'{name} was not touched'
    _, token = plane.token()
    assert abs(lifetime(token) - 900) < 5
    again = plane.run('reconfigure')
    assert again['changed'] == 0, f'changed: {changed_tasks(again["output"])}'


def test_wrong_admin_password_fails_clearly(plane):
    wrong = 'not-the-admin-password-' + os.urandom(4).hex()
    (plane.work / 'wrong.yml').write_text(f'keystone_admin_password: {wrong}\n')  # a file: the CLI echoes its -e values
    result = plane.run('deploy', '-e', f'@{plane.work / "wrong.yml"}', expect_rc=2)
    assert "refused the credentials of user 'admin'" in result['output']
    assert 'check the admin password' in result['output']
    assert wrong not in result['output']
    assert plane.passwords['keystone_admin_password'] not in result['output']


def test_keystone_that_never_gets_healthy_fails_naming_it(plane):
    result = plane.run('deploy', '-t', 'keystone', '-e', 'service_wait_timeout=20',
                       '-e', '{"keystone_healthcheck_test": ["CMD-SHELL", "echo never healthy >&2; false"]}',
                       expect_rc=2)
    assert f'{PREFIX}keystone_api did not become healthy within 20 s' in result['output']
    assert 'log lines' in result['output'] and 'uWSGI' in result['output'], 'the log tail is shown'
    restored = plane.run('deploy')
    assert restored['failed'] == 0
    assert containers()[PREFIX + 'keystone_api']['health'] == 'healthy'


def test_upgrade_keeps_fernet_keys_and_migrates_once(plane):
    old_token, _ = plane.token()
    result = plane.run('upgrade', '-e', 'openstack_tag=zed-2')
    assert result['failed'] == 0
    assert re.search(r'TASK \[.*Run the one-shot KOLLA_UPGRADE container of keystone\] \*+\nchanged:', result['output'])
    assert re.search(r'TASK \[.*Run the one-shot KOLLA_UPGRADE container of placement\] \*+\nchanged:', result['output'])
    state = containers()
    assert {name: c['image'] for name, c in state.items()} == {
        name: f'overcloud/{image}:zed-2' for name, image in zip(
            CONTAINERS, ('memcached', 'mariadb-server', 'keystone', 'keystone', 'placement-api'))}
    new_token, _ = plane.token()
    validate = {'X-Auth-Token': new_token, 'X-Subject-Token': old_token}
    assert http(KEYSTONE + '/v3/auth/tokens', validate) == 200, 'a token issued before the upgrade still validates'
    assert http(PLACEMENT + '/resource_providers', {'X-Auth-Token': old_token}) == 200
    again = plane.run('upgrade', '-e', 'openstack_tag=zed-2')
    assert again['changed'] == 0, 'already upgraded: no migration, no restart'
    assert containers() == state


def test_destroy_leaves_nothing_of_ours(plane):
    plane.run('destroy', '-e', 'openstack_tag=zed-2', '--yes-i-really-really-mean-it')
    assert containers() == {}
    assert volumes() == []
    assert sorted(p.name for p in plane.node.iterdir()) == []
    assert (plane.etc / 'config' / 'keystone.conf').exists(), "the operator's overrides stay"
