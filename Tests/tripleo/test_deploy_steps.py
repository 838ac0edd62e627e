"""playbooks/deploy_steps.yaml end to end on the local dockerd, by real ansible-playbook: Keystone configured by real
Puppet (puppet_config), kolla_config files, steps 1-5 with tripleo_container_manage (MariaDB, memcached, keystone
db_sync, API, bootstrap exec), docker_puppet_tasks creating the database; then a rerun that changes nothing, a hiera
change that recreates only the containers mounting Keystone's config volume, and bad definitions that fail naming the
container and the key with nothing new started.

The tests are one story and run in file order. Containers are named oc-tq-t-*; every host path is under a fresh
/tmp/oc-tq-root.* (tripleo_root); ports 35000 (keystone), 33306 (MariaDB), 31211 (memcached) on 127.0.0.1.
Environment: OC_TRIPLEO_COLLECTIONS (a collections path with this tree's collection installed; default: the
tarball in dist/ installed into a temporary one), OC_VENV.
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
from datetime import datetime
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / 'Tests'))
from testlib import docker, installed_collections  # noqa: E402
VENV = Path(os.environ.get('OC_VENV', '/tmp/oc-venv'))
PREFIX = 'oc-tq-t-'
PORTS = dict(tripleo_keystone_port=35000, tripleo_mysql_port=33306, tripleo_memcached_port=31211)
IMAGES = {'keystone': 'overcloud/keystone:zed-1', 'mysql': 'overcloud/mariadb-server:zed-1',
          'memcached': 'overcloud/memcached:zed-1'}
# Tags of our own for the run, so a rebuild of the shared tags meanwhile does not recreate our containers.
PINNED = {key: f'{PREFIX}test/{key}:pinned' for key in IMAGES}
RECAP = re.compile(r'^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.M)
KEYSTONE = f'http://127.0.0.1:{PORTS["tripleo_keystone_port"]}'

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')


def containers() -> dict[str, dict]:
    names = docker('ps', '-a', '--filter', f'name=^/{PREFIX}', '--format', '{{.Names}}').split()
    return {c['Name'].lstrip('/'): dict(id=c['Id'], status=c['State']['Status'], exit=c['State']['ExitCode'],
                                        labels=c['Config']['Labels'] or {}, env=c['Config']['Env'] or [])
            for c in (json.loads(docker('inspect', *names)) if names else [])}


def changed_tasks(output: str) -> list[str]:
    """The tasks with a changed: result (what a non-idempotent run did)."""
    return [chunk.split(']', 1)[0] for chunk in output.split('\nTASK [')[1:] if '\nchanged:' in chunk]


def remove_containers() -> None:
    names = docker('ps', '-aq', '--filter', f'name=^/{PREFIX}').split()
    if names:
        docker('rm', '-f', *names, check=False)


class Deployment:
    def __init__(self, work: Path, collections: str):
        self.work, self.root = work, work / 'root'
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_LOCALHOST_WARNING='false',
                        ANSIBLE_NOCOLOR='1', ANSIBLE_LOCAL_TEMP=str(work / 'ansible-tmp'))

    def run(self, expect_rc: int = 0, options: tuple[str, ...] = (), **extra) -> dict:
        (self.work / 'vars.json').write_text(json.dumps({
            'tripleo_root': str(self.root), 'tripleo_name_prefix': PREFIX, 'tripleo_stop_grace_period': 2,
            'tripleo_images': PINNED, **PORTS, **extra}))
        proc = subprocess.run(
            [str(VENV / 'bin/ansible-playbook'), '-i', 'localhost,', '-c', 'local', '-e', f'@{self.work}/vars.json',
             '-e', f'ansible_python_interpreter={VENV}/bin/python', *options, str(ROOT / 'playbooks/deploy_steps.yaml')],
            capture_output=True, text=True, env=self.env, cwd=self.work)
        output = proc.stdout + proc.stderr
        (self.work / 'last-run.log').write_text(output)
        assert proc.returncode == expect_rc, f'rc {proc.returncode}\n{output[-8000:]}'
        recap = RECAP.search(output)
        return dict(output=output, **dict(zip(('ok', 'changed', 'unreachable', 'failed'), map(int, recap.groups()))))

    def passwords(self) -> dict:
        return yaml.safe_load((self.root / 'etc/tripleo/passwords.yml').read_text())

    def generated(self, path: str) -> str:
        return (self.root / 'var/lib/config-data/puppet-generated/keystone' / path).read_text()

    def token(self) -> dict:
        """POST /v3/auth/tokens as admin with the generated password: the token's body and its id."""
        body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
            'name': 'admin', 'domain': {'id': 'default'}, 'password': self.passwords()['admin_password']}}},
            'scope': {'project': {'name': 'admin', 'domain': {'id': 'default'}}}}}
        request = urllib.request.Request(f'{KEYSTONE}/v3/auth/tokens', data=json.dumps(body).encode(),
                                         headers={'Content-Type': 'application/json'}, method='POST')
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 201
            return dict(json.load(response)['token'], id=response.headers['X-Subject-Token'])


@pytest.fixture(scope='module')
def deployment():
    missing = [i for i in IMAGES.values() if subprocess.run(['docker', 'image', 'inspect', i], capture_output=True).returncode]
    if missing:
        pytest.fail(f'images missing (scripts/images.sh builds them): {missing}')
    for key, image in IMAGES.items():
        docker('tag', image, PINNED[key])
    subprocess.run([str(ROOT / 'scripts/fixtures/tripleo-config-image.sh')], check=True, capture_output=True)
    remove_containers()
    work = Path(tempfile.mkdtemp(prefix='oc-tq-root.'))
    collections = installed_collections('OC_TRIPLEO_COLLECTIONS', work)
    try:
        yield Deployment(work, collections)
    finally:
        remove_containers()
        docker('rmi', *PINNED.values(), check=False)
        shutil.rmtree(work, ignore_errors=True)


SERVICES = ['memcached', 'mysql', 'keystone']
ONE_SHOTS = ['mysql_init_logs', 'mysql_bootstrap', 'mysql_wait', 'keystone_init_log', 'keystone_db_sync']


def test_deploy_from_nothing(deployment):
    result = deployment.run()
    assert result['failed'] == 0 and result['changed'] > 0
    # MySQL's init tasks (Puppet: database, user, grant) changed something; the rerun below shows they then do not.
    changed = changed_tasks(result['output'])
    assert any('Step 2 | run the bootstrap tasks' in task for task in changed), changed
    found = containers()
    for name in SERVICES:
        assert found[PREFIX + name]['status'] == 'running', (name, found[PREFIX + name])
    for name in ONE_SHOTS:
        assert (found[PREFIX + name]['status'], found[PREFIX + name]['exit']) == ('exited', 0), name
    # Puppet's config container and the bootstrap task's are gone; nothing else of ours exists.
    assert set(found) == {PREFIX + n for n in SERVICES + ONE_SHOTS}
    assert found[PREFIX + 'keystone']['labels']['config_id'] == PREFIX + 'tripleo_step3'
    assert found[PREFIX + 'mysql']['labels']['config_id'] == PREFIX + 'tripleo_step2'
    # Keystone's configuration is Puppet's, from the hieradata (config_settings) the playbook wrote.
    conf = deployment.generated('etc/keystone/keystone.conf')
    assert re.search(r'(?m)^connection\s*=\s*mysql\+pymysql://keystone:[^@]+@127\.0\.0\.1:33306/keystone$', conf)
    assert re.search(r'(?m)^memcache_servers\s*=\s*127\.0\.0\.1:31211$', conf)
    assert re.search(r'(?m)^expiration\s*=\s*3600$', conf)
    assert re.search(r'(?m)^http-socket\s*=\s*127\.0\.0\.1:35000$', deployment.generated('etc/keystone/keystone-uwsgi.ini'))
    assert deployment.generated('etc/keystone/fernet-keys/0').strip() == deployment.passwords()['fernet_key_0']
    # The config hash the API and db_sync containers carry is the volume's checksum.
    checksum = (deployment.root / 'var/lib/config-data/puppet-generated/keystone.md5sum').read_text().strip()
    for name in ('keystone', 'keystone_db_sync'):
        assert f'TRIPLEO_CONFIG_HASH={checksum}' in found[PREFIX + name]['env'], name
    # kolla_config under the root, read by kolla_set_configs in the container.
    kolla = json.loads((deployment.root / 'var/lib/kolla/config_files/keystone.json').read_text())
    assert kolla['command'] == 'uwsgi --ini /etc/keystone/keystone-uwsgi.ini'
    assert docker('exec', PREFIX + 'keystone', 'cat', '/run_command').strip() == kolla['command']
    # The bootstrap exec and the database Puppet created: admin gets a token with a catalog.
    token = deployment.token()
    assert token['user']['name'] == 'admin' and token['project']['name'] == 'admin'
    assert [s['type'] for s in token['catalog']] == ['identity']
    assert 'issued a token for admin' in result['output']


def test_rerun_changes_nothing(deployment):
    before = {n: c['id'] for n, c in containers().items()}
    result = deployment.run()
    assert (result['changed'], result['failed']) == (0, 0), changed_tasks(result['output'])
    assert {n: c['id'] for n, c in containers().items()} == before


def test_hiera_change_recreates_only_keystone(deployment):
    before = containers()
    extra = {'tripleo_extraconfig': {'keystone::token_expiration': 7200}}
    result = deployment.run(**extra)
    assert result['failed'] == 0 and result['changed'] > 0
    after = containers()
    recreated = {n for n in after if after[n]['id'] != before[n]['id']}
    # Only the containers mounting puppet-generated/keystone (the API and its db_sync one-shot).
    assert recreated == {PREFIX + 'keystone', PREFIX + 'keystone_db_sync'}
    assert re.search(r'(?m)^expiration\s*=\s*7200$', deployment.generated('etc/keystone/keystone.conf'))
    token = deployment.token()
    issued, expires = (token[k] for k in ('issued_at', 'expires_at'))
    lifetime = datetime.fromisoformat(expires.replace('Z', '+00:00')) - datetime.fromisoformat(issued.replace('Z', '+00:00'))
    assert 7190 <= lifetime.total_seconds() <= 7210
    # The same values again: nothing to do.
    again = deployment.run(**extra)
    assert (again['changed'], again['failed']) == (0, 0), changed_tasks(again['output'])


def test_bad_definitions_fail_naming_container_and_key(deployment):
    before = {n: c['id'] for n, c in containers().items()}
    probe = dict(image=PINNED['keystone'], net='host', detach=False, user='root', command=['true'])
    cases = [
        ({'keystone_cron': dict(probe, imagee=PINNED['keystone'])}, 'keystone_cron', 'imagee'),
        ({'keystone_cron': dict(probe, image='127.0.0.1:1/oc-tq/missing:1')}, 'keystone_cron', 'image'),
        ({'keystone_cron': dict(probe, retries='many')}, 'keystone_cron', 'retries'),
    ]
    for containers_, name, key in cases:
        # A valid new container in the same step must not start either.
        overrides = {'step_3': {PREFIX + 'keystone_probe': probe, **{PREFIX + k: v for k, v in containers_.items()}}}
        # The configuration is generated already (TripleO's tag for that step) and steps 1-2 are done: step 3 only.
        result = deployment.run(expect_rc=2, options=('--skip-tags', 'container_config'), tripleo_steps=[3],
                                tripleo_docker_config_overrides=overrides,
                                tripleo_extraconfig={'keystone::token_expiration': 7200})
        failure = result['output'][result['output'].index('fatal:'):]
        assert f'{PREFIX}{name}: {key}: ' in failure, failure[:3000]
        if key == 'image':  # the pull failed: the result must not claim it
            assert 'Pulled image' not in failure and '"changed": false' in failure, failure[:3000]
        assert deployment.passwords()['admin_password'] not in result['output']
        assert {n: c['id'] for n, c in containers().items()} == before, f'{name}/{key}: something started'


@pytest.mark.parametrize('node, ran', [('SELF', True), ('othernode', False), (None, False)])
def test_bootstrap_host_exec_runs_only_on_the_bootstrap_node(tmp_path, node, ran):
    """The script the containers mount: the command runs when hiera's bootstrap node is this host (any case)."""
    script = ROOT / 'collection/roles/tripleo_container_steps/files/bootstrap_host_exec'
    data = {} if node is None else {'keystone_short_bootstrap_node_name': node.replace(
        'SELF', subprocess.run(['hostname'], capture_output=True, text=True).stdout.strip().split('.')[0].upper())}
    (tmp_path / 'bootstrap_node.json').write_text(json.dumps(data, indent=2))
    env = dict(os.environ, BOOTSTRAP_NODE_FILE=str(tmp_path / 'bootstrap_node.json'))
    proc = subprocess.run([str(script), 'keystone', 'sh', '-c', 'echo "ran with $# args" "$0"', 'x y'],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert (proc.stdout.strip() == 'ran with 0 args x y') if ran else 'Skipping execution' in proc.stdout, proc.stdout
