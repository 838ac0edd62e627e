"""The roles and the fast path on a real cluster: three nodes made by scripts/cluster.sh (each a container with its
own sshd, its own dockerd and its own address), driven over SSH by scripts/overcloud-containers (real
ansible-playbook, playbooks/site.yml) with the demo services, checked on the nodes' engines and through the
services themselves (the API of every node, its migrations table in the one MariaDB).

The tests are one story and run in file order: cluster up, deploy on 3 nodes, per-host override, --limit,
node-by-node upgrade, one node down then back, the fast path's cache, destroy. The cluster is taken down at the
end (OC_CLUSTER_KEEP=1 keeps it).

Environment: OC_CLUSTER_COLLECTIONS (an ANSIBLE_COLLECTIONS_PATH with overcloud.containers installed; default: the
built tarball installed into the temp directory), OC_VENV (ansible-core venv, default /tmp/oc-venv),
OC_CLUSTER_SWIFT_LIBS (for a collection holding debug binaries; see scripts/cluster.sh).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'Tests'))
from testlib import installed_collections  # noqa: E402
CLUSTER = ROOT / 'scripts' / 'cluster.sh'
CLI = ROOT / 'scripts' / 'overcloud-containers'
VENV = Path(os.environ.get('OC_VENV', '/tmp/oc-venv'))
CLUSTER_NAME = os.environ.get('OC_CLUSTER_NAME', 'oc-cluster')  # scripts/cluster.sh's containers: <name>-node<i>
NODES = ['node1', 'node2', 'node3']
API_PORT = 8779
RECAP = re.compile(r'^(node\d)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)
FAST_PATH_DIR = '/root/.ansible/overcloud_containers/bin'

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')


def on_node(node: str, *command: str, check: bool = True) -> str:
    """Runs a command in the node (its own shell, its own docker CLI talking to its own engine)."""
    return subprocess.run(['docker', 'exec', f'{CLUSTER_NAME}-{node}', *command], capture_output=True, text=True,
                          check=check).stdout


def containers(node: str) -> dict[str, dict]:
    names = on_node(node, 'docker', 'ps', '-a', '--format', '{{.Names}}').split()
    if not names:
        return {}
    inspected = json.loads(on_node(node, 'docker', 'inspect', *names))
    return {c['Name'].lstrip('/'): dict(image=c['Config']['Image'], status=c['State']['Status'],
                                        health=(c['State'].get('Health') or {}).get('Status'),
                                        started=c['State']['StartedAt']) for c in inspected}


class Cluster:
    def __init__(self, work: Path, state: Path, collections: str):
        self.work, self.state = work, state
        self.inventory = state / 'inventory.ini'
        self.etc = work / 'etc'
        (self.etc / 'config').mkdir(parents=True)
        (self.etc / 'globals.yml').write_text(
            'docker_graceful_timeout: 5\n'
            'default_container_healthcheck_interval: 2\n'
            'default_container_healthcheck_start_period: 10\n'
            'service_wait_timeout: 90\n')
        (self.etc / 'passwords.yml').write_text(
            f'database_password: {os.urandom(12).hex()}\n'
            f'demo_api_database_password: {os.urandom(12).hex()}\n')
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_NOCOLOR='1', ANSIBLE_FORKS='10',
                        ANSIBLE_RETRY_FILES_ENABLED='false', OC_VENV=str(VENV), PYTHONWARNINGS='ignore',
                        ANSIBLE_SSH_CONTROL_PATH_DIR=str(state / 'cp'), ANSIBLE_LOCAL_TEMP=str(work / 'ansible-tmp'))

    def address(self, node: str) -> str:
        return re.search(rf'^{node} ansible_host=(\S+)', self.inventory.read_text(), re.M).group(1)

    def run(self, command: str, *args: str, expect_rc: int | None = 0) -> dict:
        """`overcloud-containers COMMAND -i INVENTORY --configdir ETC ARGS`: rc, output and the recap per node."""
        proc = subprocess.run([str(CLI), command, '-i', str(self.inventory), '--configdir', str(self.etc), *args],
                              capture_output=True, text=True, env=self.env, cwd=self.work)
        output = proc.stdout + proc.stderr
        if expect_rc is not None:
            assert proc.returncode == expect_rc, f'{command} {args}: rc {proc.returncode}\n{output[-8000:]}'
        recap = {m[0]: dict(zip(('ok', 'changed', 'unreachable', 'failed'), map(int, m[1:])))
                 for m in RECAP.findall(output)}
        return dict(rc=proc.returncode, output=output, recap=recap)

    def playbook(self, text: str, *args: str) -> str:
        path = self.work / 'play.yml'
        path.write_text(text)
        proc = subprocess.run([str(VENV / 'bin/ansible-playbook'), '-i', str(self.inventory), str(path), *args],
                              capture_output=True, text=True, env=self.env, cwd=self.work)
        assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
        return proc.stdout

    def api(self, node: str, path: str) -> dict:
        with urllib.request.urlopen(f'http://{self.address(node)}:{API_PORT}{path}', timeout=10) as answer:
            return json.loads(answer.read())

    def greetings(self) -> dict[str, str]:
        return {node: self.api(node, '/v1/config/greeting')['value'] for node in NODES}


@pytest.fixture(scope='module')
def cluster():
    work = Path(tempfile.mkdtemp(prefix='oc-cluster-test.'))
    state = Path(os.environ.get('OC_CLUSTER_DIR', f'/tmp/{CLUSTER_NAME}'))
    up = subprocess.run([str(CLUSTER), 'up', '3'], capture_output=True, text=True)
    assert up.returncode == 0, up.stderr[-4000:]
    subprocess.run([str(CLUSTER), 'clean'], check=True, capture_output=True)  # what an earlier run left
    collections = installed_collections('OC_CLUSTER_COLLECTIONS', work)
    try:
        yield Cluster(work, state, collections)
    finally:
        if not os.environ.get('OC_CLUSTER_KEEP'):
            subprocess.run([str(CLUSTER), 'down'], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def test_cluster_up_gives_separate_nodes(cluster):
    engines = {node: on_node(node, 'docker', 'info', '-f', '{{.ID}}').strip() for node in NODES}
    assert len(set(engines.values())) == 3, 'each node has its own engine'
    addresses = {cluster.address(node) for node in NODES}
    assert len(addresses) == 3
    assert {on_node(node, 'hostname').strip() for node in NODES} == set(NODES)
    out = subprocess.run([str(VENV / 'bin/ansible'), '-i', str(cluster.inventory), 'all', '-m', 'ansible.builtin.ping'],
                         capture_output=True, text=True, env=cluster.env)
    assert out.returncode == 0 and out.stdout.count('"pong"') == 3, out.stdout + out.stderr
    inventory = cluster.inventory.read_text()
    for group in ('[control]', '[compute]', '[mariadb]', '[memcached:children]', '[demo_api:children]'):
        assert group in inventory
    # Idempotent: a second `up` keeps the nodes (same engines, nothing recreated).
    again = subprocess.run([str(CLUSTER), 'up', '3'], capture_output=True, text=True)
    assert again.returncode == 0 and 'created' not in again.stderr
    assert {node: on_node(node, 'docker', 'info', '-f', '{{.ID}}').strip() for node in NODES} == engines


def test_deploy_on_three_nodes_bootstraps_once(cluster):
    result = cluster.run('deploy')
    assert all(r['failed'] == 0 for r in result['recap'].values()) and len(result['recap']) == 3
    for node in NODES:
        state = containers(node)
        expected = {'memcached', 'demo_api'} | ({'mariadb'} if node == 'node1' else set())
        assert set(state) == expected, f'{node}: the services of its groups, no bootstrap container left'
        assert {c['status'] for c in state.values()} == {'running'}
        assert {c['health'] for c in state.values()} == {'healthy'}
        assert cluster.api(node, '/healthcheck') == {'status': 'ok', 'version': 1}
    # The database sync ran once (each run adds one row), on the group's first host.
    migrations = cluster.api('node2', '/v1/migrations')['migrations']
    assert [(m['kind'], m['release_version']) for m in migrations] == [('bootstrap', 1)]
    bootstrap = re.search(r'Run the one-shot KOLLA_BOOTSTRAP container of demo_api\] \*+\n((?:.+\n)+?)\n',
                          result['output']).group(1)
    assert re.findall(r'^(?:changed|ok): \[(\S+?)(?: -> (\S+))?\]', bootstrap, re.M) in ([('node1', '')],
                                                                                         [('node1', 'node1')])
    again = cluster.run('deploy')
    assert {r['changed'] for r in again['recap'].values()} == {0}, 'an unchanged deployment changes nothing'
    assert len(cluster.api('node3', '/v1/migrations')['migrations']) == 1


def test_per_host_override_reaches_only_that_host(cluster):
    before = {node: containers(node) for node in NODES}
    override = cluster.etc / 'config' / 'demo-api' / 'node2' / 'demo-api.conf'
    override.parent.mkdir(parents=True)
    override.write_text('[DEFAULT]\ngreeting = only on node2\n')
    result = cluster.run('reconfigure')
    assert result['recap']['node2']['changed'] >= 2 and result['recap']['node1']['changed'] == 0
    assert result['recap']['node3']['changed'] == 0
    greeting = 'Hello from overcloud.containers'
    assert cluster.greetings() == {'node1': greeting, 'node2': 'only on node2', 'node3': greeting}
    after = {node: containers(node) for node in NODES}
    assert after['node2']['demo_api']['started'] != before['node2']['demo_api']['started']
    assert after['node2']['memcached'] == before['node2']['memcached']
    assert after['node1'] == before['node1'] and after['node3'] == before['node3'], 'no restart where nothing changed'


def test_limit_to_one_node(cluster):
    (cluster.etc / 'config' / 'demo-api.conf').write_text('[DEFAULT]\ngreeting = everywhere\n')
    result = cluster.run('reconfigure', '--limit', 'node3')
    assert set(result['recap']) == {'node3'}
    assert cluster.greetings() == {'node1': 'Hello from overcloud.containers', 'node2': 'only on node2',
                                   'node3': 'everywhere'}
    cluster.run('reconfigure')
    assert cluster.greetings() == {'node1': 'everywhere', 'node2': 'only on node2', 'node3': 'everywhere'}


def test_upgrade_node_by_node(cluster):
    result = cluster.run('upgrade', '-e', 'openstack_tag=zed-2', '-e', 'kolla_serial=1')
    assert result['output'].count('PLAY [Apply role demo_api]') == 3, 'one batch per node'
    migrations = re.findall(r'Run the one-shot KOLLA_UPGRADE container of demo_api\] \*+\n(changed|ok|skipping)',
                            result['output'])
    assert migrations == ['changed'], 'the migration ran in the first batch only'
    started = []
    for node in NODES:
        state = containers(node)
        assert {c['image'].rsplit(':', 1)[1] for c in state.values()} == {'zed-2'}
        assert {c['health'] for c in state.values()} == {'healthy'}
        assert cluster.api(node, '/v1/version') == {'schema': 2, 'version': 2}
        started.append(state['demo_api']['started'])
    assert started == sorted(started), 'node1, then node2, then node3'
    kinds = [(m['kind'], m['release_version']) for m in cluster.api('node1', '/v1/migrations')['migrations']]
    assert kinds == [('bootstrap', 1), ('upgrade', 2)]


def test_node_down_fails_its_tasks_then_rerun_finishes(cluster):
    (cluster.etc / 'config' / 'demo-api.conf').write_text('[DEFAULT]\ngreeting = while node3 was down\n')
    subprocess.run([str(CLUSTER), 'stop-node', 'node3'], check=True, capture_output=True)
    try:
        result = cluster.run('reconfigure', '-e', 'openstack_tag=zed-2', expect_rc=None)
        assert result['rc'] != 0
        assert result['recap']['node3']['unreachable'] + result['recap']['node3']['failed'] >= 1
        assert re.search(r'(fatal|UNREACHABLE).*\[node3\]', result['output']) or 'node3' in result['output']
        for node in ('node1', 'node2'):
            assert result['recap'][node]['failed'] == 0 and result['recap'][node]['unreachable'] == 0
        assert cluster.api('node1', '/v1/config/greeting')['value'] == 'while node3 was down'
    finally:
        subprocess.run([str(CLUSTER), 'start-node', 'node3'], check=True, capture_output=True)
    rerun = cluster.run('reconfigure', '-e', 'openstack_tag=zed-2')
    assert all(r['failed'] == 0 and r['unreachable'] == 0 for r in rerun['recap'].values())
    assert cluster.greetings() == {'node1': 'while node3 was down', 'node2': 'only on node2',
                                   'node3': 'while node3 was down'}
    assert {c['health'] for c in containers('node3').values()} == {'healthy'}


FACTS_PLAY = '''
- hosts: all
  gather_facts: false
  tasks:
''' + ''.join(f'''
    - name: read the containers {i}
      overcloud.containers.kolla_container_facts:
        action: get_containers_names
''' for i in range(3))


def cache(node: str) -> dict[str, str]:
    """The fast path's cache on the node: file name -> inode:mtime."""
    listing = on_node(node, 'sh', '-c', f'cd {FAST_PATH_DIR} 2>/dev/null && stat -c "%n %i:%Y" * || true')
    return dict(line.split(' ', 1) for line in listing.splitlines())


def test_fast_path_cache_per_node(cluster):
    cluster.playbook(FACTS_PLAY)
    caches = {node: cache(node) for node in NODES}
    binaries = {node: [name for name in files if re.fullmatch(r'[0-9a-f]{64}', name)] for node, files in caches.items()}
    assert all(binaries.values())
    digest = sorted(binaries['node1'])[0]
    # Warm: every task is one SSH command per node (no upload, no tmp dir), with forks >= nodes.
    verbose = cluster.playbook(FACTS_PLAY, '-vvv', '-f', '3')
    for node in NODES:
        assert verbose.count(f'<{cluster.address(node)}> SSH: EXEC') == 3, node
        assert f'<{cluster.address(node)}> PUT' not in verbose
    assert {node: cache(node) for node in NODES} == caches, 'reused, not uploaded again'
    # Three cache states: node1 fresh (no cache), node2 stale (an older binary, no verification stamp),
    # node3 tampered (the cached binary's bytes changed).
    on_node('node1', 'rm', '-rf', FAST_PATH_DIR)
    on_node('node2', 'sh', '-c', f'cd {FAST_PATH_DIR} && rm -f {digest}.ok && printf old >{"0" * 64} && chmod 700 {"0" * 64}')
    on_node('node3', 'sh', '-c', f'printf "\\0" | dd of={FAST_PATH_DIR}/{digest} bs=1 seek=4096 conv=notrunc 2>/dev/null')
    cluster.playbook(FACTS_PLAY, '-f', '3')
    for node in NODES:
        sums = on_node(node, 'sh', '-c', f'sha256sum {FAST_PATH_DIR}/{digest}').split()[0]
        assert sums == digest, f'{node}: the cached binary is the right one again'
    assert cache('node2')[digest] == caches['node2'][digest], 'node2: re-verified in place, not uploaded'
    assert cache('node3')[digest] != caches['node3'][digest], 'node3: the tampered file was replaced'


def test_destroy_leaves_every_node_clean(cluster):
    cluster.run('destroy', '-e', 'openstack_tag=zed-2', '--yes-i-really-really-mean-it')
    for node in NODES:
        assert containers(node) == {}, node
        assert on_node(node, 'docker', 'volume', 'ls', '-q').split() == [], node
        assert on_node(node, 'sh', '-c', 'ls -A /etc/kolla 2>/dev/null || true').split() == [], node
