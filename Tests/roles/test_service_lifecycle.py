"""The Kolla-style roles end to end: scripts/overcloud-containers (real ansible-playbook, playbooks/site.yml) on the
local dockerd, with the images of the tree images/ (overcloud/<image>:zed-1 and :zed-2, built by scripts/images.sh
unless OC_SKIP_IMAGE_BUILD is set), checked through the running
services themselves (HTTP to the API, the memcached protocol, the containers' state).

The tests are one story and run in file order: deploy from nothing, redeploy, preview, reconfigure, upgrade,
stop and deploy, destroy. Everything they create is named oc-rl-t-* (containers, volumes) or lives under a
/tmp/oc-rl-test.* directory; the module fixture removes it at the end, pass or fail.

Environment: OC_ROLES_COLLECTIONS (an ANSIBLE_COLLECTIONS_PATH with overcloud.containers installed; default: the
built tarball installed into the temp directory), OC_VENV (ansible-core venv, default /tmp/oc-venv).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
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
PREFIX = 'oc-rl-t-'
MEMCACHED_PORT, DATABASE_PORT, API_PORT = 18021, 18026, 18028
CONTAINERS = [PREFIX + 'memcached', PREFIX + 'mariadb', PREFIX + 'demo_api']
RECAP = re.compile(r'^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')


class Deployment:
    """One deployment: its config dir (globals, passwords, overrides) and the CLI to drive it."""

    def __init__(self, work: Path, collections: str):
        self.work = work
        self.etc = work / 'etc'
        self.node = work / 'node'
        (self.etc / 'config').mkdir(parents=True)
        (self.etc / 'globals.yml').write_text(
            f'node_config_directory: {self.node}\n'
            f'kolla_name_prefix: {PREFIX}\n'
            f'memcached_port: {MEMCACHED_PORT}\n'
            f'database_port: {DATABASE_PORT}\n'
            f'demo_api_port: {API_PORT}\n'
            'docker_graceful_timeout: 5\n'
            'default_container_healthcheck_interval: 2\n'
            'default_container_healthcheck_start_period: 10\n'
            'service_wait_timeout: 90\n')
        (self.etc / 'passwords.yml').write_text(
            f'database_password: {os.urandom(12).hex()}\n'
            f'demo_api_database_password: {os.urandom(12).hex()}\n')
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


def api(path: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(f'http://127.0.0.1:{API_PORT}{path}', method='POST' if body else 'GET',
                                     data=json.dumps(body).encode() if body else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b'{}')


def memcached_version() -> str:
    with socket.create_connection(('127.0.0.1', MEMCACHED_PORT), timeout=5) as conn:
        conn.sendall(b'version\r\n')
        return conn.recv(100).decode().strip()


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
def deployment():
    if not os.environ.get('OC_SKIP_IMAGE_BUILD'):
        subprocess.run([str(ROOT / 'scripts/images.sh'), '-p', 'demo'], check=True, capture_output=True)
    remove_leftovers()
    work = Path(tempfile.mkdtemp(prefix='oc-rl-test.'))
    collections = installed_collections('OC_ROLES_COLLECTIONS', work)
    try:
        yield Deployment(work, collections)
    finally:
        remove_leftovers()
        shutil.rmtree(work, ignore_errors=True)


def test_prechecks_name_a_port_in_use(deployment):
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a recent run may have left TIME_WAIT behind
        busy.bind(('127.0.0.1', API_PORT))
        busy.listen()
        result = deployment.run('prechecks', expect_rc=2)
    assert f'port {API_PORT} of demo-api is in use' in result['output']
    deployment.run('prechecks')


def test_deploy_from_nothing(deployment):
    assert containers() == {}
    result = deployment.run('deploy')
    assert result['changed'] > 0 and result['failed'] == 0
    state = containers()
    assert sorted(state) == sorted(CONTAINERS), 'the bootstrap containers are gone, the services run'
    assert {c['status'] for c in state.values()} == {'running'}
    assert {c['health'] for c in state.values()} == {'healthy'}
    assert state[PREFIX + 'demo_api']['image'] == 'overcloud/demo-api:zed-1'
    assert api('/healthcheck') == (200, {'status': 'ok', 'version': 1})
    assert memcached_version().startswith('VERSION ')
    status, created = api('/v1/items', {'name': 'written before the upgrade'})
    assert status == 201
    assert api('/v1/items')[1]['items'] == [{'id': created['id'], 'name': 'written before the upgrade'}]
    migrations = api('/v1/migrations')[1]['migrations']
    assert [(m['kind'], m['release_version']) for m in migrations] == [('bootstrap', 1)]
    assert sorted(volumes()) == [PREFIX + 'kolla_logs', PREFIX + 'mariadb']


def test_second_deploy_changes_nothing(deployment):
    before = containers()
    result = deployment.run('deploy')
    assert result['changed'] == 0 and result['failed'] == 0
    assert containers() == before, 'no container was recreated or restarted'
    # Kolla's per-item sequence (compare_container, then recreate_or_restart_container) agrees.
    per_item = deployment.run('deploy', '-e', 'service_check_containers_mode=per_item')
    assert per_item['changed'] == 0
    assert 'Compare each demo_api container' in per_item['output']
    assert containers() == before


def test_check_diff_previews_without_changing(deployment):
    before = containers()
    conf = deployment.node / 'demo-api' / 'demo-api.conf'
    text = conf.read_text()
    (deployment.etc / 'config' / 'demo-api.conf').write_text('[DEFAULT]\ngreeting = Reconfigured by the operator\n')
    result = deployment.run('reconfigure', '--check', '--diff')
    assert result['changed'] >= 1
    assert '+greeting = Reconfigured by the operator' in result['output']
    assert '-greeting = Hello from overcloud.containers' in result['output']
    assert 'password' not in ''.join(line for line in result['output'].splitlines() if line.startswith(('+', '-')))
    assert conf.read_text() == text
    assert containers() == before
    assert api('/v1/config/greeting')[1]['value'] == 'Hello from overcloud.containers'


def test_reconfigure_restarts_only_that_service(deployment):
    before = containers()
    result = deployment.run('reconfigure')
    assert result['changed'] >= 2  # the merged file and the container
    after = containers()
    api_name = PREFIX + 'demo_api'
    assert after[api_name]['started'] != before[api_name]['started']
    for name in CONTAINERS:
        if name != api_name:
            assert after[name] == before[name], f'{name} was not touched'
    assert api('/v1/config/greeting')[1]['value'] == 'Reconfigured by the operator'
    assert api('/v1/config/database/password')[0] == 403
    assert deployment.run('reconfigure')['changed'] == 0


def test_upgrade_to_a_new_tag_keeps_the_data(deployment):
    result = deployment.run('upgrade', '-e', 'openstack_tag=zed-2')
    assert result['failed'] == 0
    assert re.search(r'TASK \[.*Run the one-shot KOLLA_UPGRADE container of demo_api\] \*+\nchanged:', result['output'])
    state = containers()
    assert {name: c['image'] for name, c in state.items()} == {
        PREFIX + 'memcached': 'overcloud/memcached:zed-2', PREFIX + 'mariadb': 'overcloud/mariadb-server:zed-2',
        PREFIX + 'demo_api': 'overcloud/demo-api:zed-2'}
    assert {c['health'] for c in state.values()} == {'healthy'}
    assert api('/v1/version')[1] == {'schema': 2, 'version': 2}
    items = api('/v1/items')[1]['items']
    assert [item['name'] for item in items] == ['written before the upgrade']
    assert 'created_at' in items[0], 'the release 2 migration ran'
    migrations = api('/v1/migrations')[1]['migrations']
    assert [(m['kind'], m['release_version']) for m in migrations] == [('bootstrap', 1), ('upgrade', 2)]
    # Upgrading again: already on the new images, so no migration and no restart.
    again = deployment.run('upgrade', '-e', 'openstack_tag=zed-2')
    assert again['changed'] == 0
    assert containers() == state
    assert len(api('/v1/migrations')[1]['migrations']) == 2


def test_stop_then_deploy_restores(deployment):
    tag = ('-e', 'openstack_tag=zed-2')
    refused = deployment.run('stop', *tag, expect_rc=2)
    assert '--yes-i-really-really-mean-it' in refused['output']
    deployment.run('stop', *tag, '--yes-i-really-really-mean-it')
    assert {c['status'] for c in containers().values()} == {'exited'}
    check = deployment.run('check', *tag, expect_rc=2)
    assert 'is exited' in check['output']
    deployment.run('deploy', *tag)
    state = containers()
    assert {c['status'] for c in state.values()} == {'running'}
    assert {c['health'] for c in state.values()} == {'healthy'}
    assert [item['name'] for item in api('/v1/items')[1]['items']] == ['written before the upgrade']
    deployment.run('check', *tag)


def test_pull_and_genconfig_change_nothing_on_a_deployed_host(deployment):
    tag = ('-e', 'openstack_tag=zed-2')
    assert deployment.run('pull', *tag)['changed'] == 0
    assert deployment.run('genconfig', *tag)['changed'] == 0


def test_destroy_leaves_nothing_of_ours(deployment):
    override = deployment.etc / 'config' / 'global.conf'
    override.write_text('[DEFAULT]\n')
    deployment.run('destroy', '-e', 'openstack_tag=zed-2', '--yes-i-really-really-mean-it')
    assert containers() == {}
    assert volumes() == []
    assert sorted(p.name for p in deployment.node.iterdir()) == []
    assert override.exists(), "the operator's overrides stay"


REGISTRY = '127.0.0.1:5320'


@pytest.fixture()
def registry(deployment):
    """Debian's docker-registry on 127.0.0.1:5320, storage in the work dir; stopped (and its tags dropped) after."""
    config = deployment.work / 'registry.yml'
    config.write_text(f'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: '
                      f'{deployment.work}/registry\nhttp:\n  addr: {REGISTRY}\n')
    server = subprocess.Popen(['docker-registry', 'serve', str(config)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f'http://{REGISTRY}/v2/', timeout=1)
                break
            except OSError:
                subprocess.run(['sleep', '0.1'])
        yield REGISTRY
    finally:
        server.terminate()
        server.wait(timeout=10)
        tags = [t for t in docker('images', '--format', '{{.Repository}}:{{.Tag}}').split() if t.startswith(REGISTRY)]
        if tags:
            docker('rmi', *tags, check=False)


def test_pull_takes_the_images_from_the_registry(deployment, registry):
    """`pull` with a docker_registry fetches each image from it (the engine did not have it under that name)."""
    images = [f'{registry}/overcloud/{name}:zed-1' for name in ('memcached', 'mariadb-server', 'demo-api')]
    for image in images:
        docker('tag', image.replace(registry + '/', ''), image)
        docker('push', '-q', image)
        docker('rmi', image)
    result = deployment.run('pull', '-e', f'docker_registry={registry}')
    assert result['changed'] == 3
    for image in images:
        assert docker('image', 'inspect', '-f', '{{.Id}}', image).strip(), f'{image} was pulled'
    missing = deployment.run('pull', '-e', f'docker_registry={registry}', '-e', 'openstack_tag=nope',
                             '-e', 'docker_pull_retries=0', expect_rc=2)
    assert f'{registry}/overcloud/memcached:nope' in missing['output']
