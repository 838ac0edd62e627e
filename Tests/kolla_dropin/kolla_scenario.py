# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Kolla-Ansible 23's own CLI, site.yml and roles, run with Kolla's modules or with ours (the drop-in).

Shared by the test (test_kolla_dropin.py) and the bench (bench/kolla_dropin.sh). It must run inside the
private namespace that run.sh sets up: /var/run/docker.sock is a Docker engine of our own (Kolla's
container names are fixed), /etc/systemd/system a scratch folder (Kolla's unit files), and the network
namespace is private (Kolla's `destroy` deletes every network namespace, tap, brq and vxlan interface
of the host it runs on).

Environment: OC_KOLLA_VENV (kolla-ansible 23.0.0), OC_KOLLA_TARGET_VENV (the targets' Python), OC_KOLLA_COLLECTIONS (the collection installed),
OC_KOLLA_WORK (scratch folder), OC_KOLLA_IMAGE_NAMESPACE (where run.sh tagged the images),
OC_KOLLA_SSHD_DIR (scripts/start-sshd.sh's folder, for the SSH scenario).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.environ.get('OC_KOLLA_VENV', '/tmp/oc-kolla-venv')
TARGET_VENV = os.environ.get('OC_KOLLA_TARGET_VENV', '/tmp/oc-kolla-target-venv')
KOLLA_SHARE = os.path.join(VENV, 'share', 'kolla-ansible')
COLLECTIONS = os.environ.get('OC_KOLLA_COLLECTIONS', '')
WORK = os.environ.get('OC_KOLLA_WORK', '/tmp/oc-kolla-dropin/work')
NAMESPACE = os.environ.get('OC_KOLLA_IMAGE_NAMESPACE', 'oc-kolla-dropin')
MEMCACHED_PORT = int(os.environ.get('OC_KOLLA_MEMCACHED_PORT', '41211'))
MODES = ('kolla', 'ours')

# Kolla's settings for this machine. Each line is a documented Kolla variable.
GLOBALS = """\
kolla_base_distro: debian
network_interface: lo
kolla_internal_vip_address: 127.0.0.1
# The images: built by this project (images/, on the Kolla image API), tagged by run.sh.
docker_registry: ""
docker_namespace: {namespace}
openstack_tag: zed-1
# Kolla's modules need docker-py: the target's venv (scripts/kolla-venv.sh).
virtualenv: {target_venv}
node_config_directory: {node_config}
# Only the scenario's services (Kolla enables a whole cloud by default).
enable_openstack_core: false
enable_haproxy: false
enable_fluentd: false
enable_mariadb: false
enable_rabbitmq: false
# This sandbox's hard RLIMIT_NOFILE (20000) is below Kolla's default 1048576.
default_container_dimensions_docker:
  ulimits:
    nofile:
      soft: 16384
      hard: 16384
"""

EXTERNAL_DATABASE = 'external_mariadb'  # the keystone scenario's database container (not Kolla's)


@dataclasses.dataclass(frozen=True)
class Scenario:
    """What a scenario deploys: its globals.yml lines, the --tags of every phase but destroy (Kolla-Ansible's
    way to act on some services only, as an operator would: `kolla-ansible deploy -t keystone`), the settings
    its reconfigure changes, and whether it needs the external database."""
    name: str
    globals: str
    tags: str
    reconfigure: tuple
    external_database: bool = False

    @property
    def phases(self) -> tuple:
        """(phase, kolla-ansible arguments): the scenario, in order, from nothing."""
        tags = ['-t', self.tags]
        settings = [arg for setting in self.reconfigure for arg in ('-e', setting)]
        return (
            ('prechecks', ['prechecks', *tags]),
            ('deploy', ['deploy', *tags]),
            ('deploy-again', ['deploy', *tags]),
            ('reconfigure', ['reconfigure', *tags, *settings]),
            ('stop', ['stop', *tags, '--yes-i-really-really-mean-it']),
            ('destroy', ['destroy', '--yes-i-really-really-mean-it']),
        )


SCENARIOS = {
    'memcached': Scenario(
        name='memcached',
        globals='enable_memcached: true\nmemcached_port: "{port}"\n',
        tags='memcached',
        reconfigure=('memcached_connection_limit=4000',)),
    # Keystone (our keystone, keystone-ssh and kolla-toolbox images) with memcached (its token cache) and
    # kolla_toolbox (Kolla registers keystone's service and roles through it), on a database that exists
    # already: Kolla's documented external-database setting (use_preconfigured_databases; the test starts a
    # MariaDB from our image and creates keystone's database and user, as the operator's DBA would).
    'keystone': Scenario(
        name='keystone',
        globals=('enable_memcached: true\nmemcached_port: "{port}"\nenable_keystone: true\n'
                 'use_preconfigured_databases: true\nopenstack_service_workers: 1\n'),
        tags='kolla_toolbox,memcached,keystone',
        reconfigure=('memcached_connection_limit=4000', 'keystone_logging_debug=true'),
        external_database=True),
}

# The memcached scenario's phases (the bench's).
PHASES = SCENARIOS['memcached'].phases


@dataclasses.dataclass
class PhaseResult:
    phase: str
    mode: str
    rc: int
    seconds: float
    tasks: list          # kolla_stats lines
    output: str
    containers: dict     # name -> normalised inspect
    starts: dict         # name -> (Id, StartedAt)
    config: dict         # relative path -> (mode, uid, gid, sha256)

    def changed_tasks(self) -> list:
        return [(t['task'], t['changed']) for t in self.tasks if t['changed']]


def check_private_engine() -> None:
    """Refuse to touch an engine other than run.sh's own (its data root is in OC_KOLLA_DOCKER_ROOT)."""
    root = docker('info', '--format', '{{.DockerRootDir}}').strip()
    if not os.environ.get('OC_KOLLA_DOCKER_ROOT') or root != os.environ['OC_KOLLA_DOCKER_ROOT']:
        raise RuntimeError('the Docker engine at /var/run/docker.sock (data root %s) is not this test\'s own: run run.sh' % root)


def docker(*args: str) -> str:
    return subprocess.run(['docker', *args], check=True, capture_output=True, text=True).stdout


def inspect_containers() -> list:
    names = docker('ps', '-a', '--format', '{{.Names}}').split()
    return json.loads(docker('inspect', *names)) if names else []


def normalise(info: dict) -> dict:
    """What a deployment decides about a container (not ids, times, or Docker's own bookkeeping).

    ``RestartPolicy`` is left out: Kolla-Ansible 23 runs containers through systemd units and creates
    them with none; ours keep Docker's restart policy (the one deliberate difference).
    """
    config, host = info['Config'], info['HostConfig']
    return {
        'Image': config.get('Image'), 'Cmd': config.get('Cmd'), 'Entrypoint': config.get('Entrypoint'),
        'Env': sorted(config.get('Env') or []), 'Labels': config.get('Labels') or {},
        'Healthcheck': config.get('Healthcheck'), 'Volumes': sorted(config.get('Volumes') or {}),
        'User': config.get('User'), 'Tty': config.get('Tty'),
        'Binds': sorted(host.get('Binds') or []), 'NetworkMode': host.get('NetworkMode'),
        'Privileged': host.get('Privileged'), 'Ulimits': host.get('Ulimits'), 'CapAdd': host.get('CapAdd') or [],
        'SecurityOpt': host.get('SecurityOpt') or [], 'PidMode': host.get('PidMode'), 'IpcMode': host.get('IpcMode'),
        'Tmpfs': host.get('Tmpfs') or {}, 'VolumesFrom': host.get('VolumesFrom') or [],
        'Mounts': sorted((m.get('Type'), m.get('Name') or m.get('Source'), m.get('Destination'), m.get('RW'))
                         for m in info.get('Mounts') or []),
        'Status': info['State']['Status'],
    }


def snapshot_tree(root: str) -> dict:
    tree = {}
    for base, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = os.path.join(base, name)
            st = os.lstat(path)
            digest = None
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, 'rb') as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            tree[os.path.relpath(path, root)] = (oct(st.st_mode), st.st_uid, st.st_gid, digest)
    return tree


class Deployment:
    """One Kolla-Ansible deployment folder (globals, passwords, inventory) on local or SSH connection."""

    def __init__(self, name: str, ssh: dict | None = None, scenario: str = 'memcached'):
        self.scenario = SCENARIOS[scenario]
        self.phases = self.scenario.phases
        self.dir = os.path.join(WORK, name)
        self.node_config = os.path.join(self.dir, 'node-etc')
        self.etc = os.path.join(self.dir, 'etc')
        self.ssh = ssh
        os.makedirs(self.etc, exist_ok=True)
        with open(os.path.join(self.etc, 'globals.yml'), 'w') as handle:
            handle.write(GLOBALS.format(namespace=NAMESPACE, target_venv=TARGET_VENV, node_config=self.node_config)
                         + self.scenario.globals.format(port=MEMCACHED_PORT))
        passwords = os.path.join(self.etc, 'passwords.yml')
        if not os.path.exists(passwords):
            shutil.copy(os.path.join(KOLLA_SHARE, 'etc_examples', 'kolla', 'passwords.yml'), passwords)
            subprocess.run([os.path.join(VENV, 'bin', 'kolla-genpwd'), '-p', passwords], check=True, capture_output=True)
        self.passwords = passwords
        self.inventory = os.path.join(self.dir, 'inventory')
        with open(os.path.join(KOLLA_SHARE, 'ansible', 'inventory', 'all-in-one')) as handle:
            text = handle.read()
        if ssh:
            # Kolla's all-in-one inventory with its one host, named apart from the deploy host (Kolla's tasks
            # with `delegate_to: localhost` run there, with the Kolla venv's Python, as in a multinode
            # deployment), reached over SSH as an unprivileged user (Kolla's tasks become root themselves).
            host = ('target ansible_connection=ssh ansible_host=127.0.0.1 ansible_port={port} ansible_user={user} '
                    'ansible_ssh_private_key_file={key}'.format(**ssh))
            text = text.replace('localhost       ansible_connection=local', host)
        with open(self.inventory, 'w') as handle:
            handle.write(text)

    def environment(self, mode: str, stats: str) -> dict:
        env = dict(os.environ)
        env['PATH'] = os.path.join(VENV, 'bin') + os.pathsep + env.get('PATH', '')
        env.update({
            'ANSIBLE_PIPELINING': 'True',  # Kolla-Ansible's recommended setting
            'ANSIBLE_HOST_KEY_CHECKING': 'False',
            'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback_plugins'),
            'ANSIBLE_CALLBACKS_ENABLED': 'kolla_stats',
            'KOLLA_STATS_FILE': stats,
            'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS,
        })
        if self.ssh:
            env['ANSIBLE_SSH_CONTROL_PATH_DIR'] = os.path.join(self.ssh['dir'], 'cp')
        if mode == 'ours':
            # The drop-in: this one setting, nothing of Kolla-Ansible edited.
            env['ANSIBLE_CALLBACKS_ENABLED'] += ',overcloud.containers.kolla_dropin'
        return env

    def run(self, mode: str, phase: str, args: list, verbose: bool = False) -> PhaseResult:
        logs = os.path.join(self.dir, 'logs')
        os.makedirs(logs, exist_ok=True)
        stats = os.path.join(logs, '%s-%s.jsonl' % (mode, phase))
        if os.path.exists(stats):
            os.remove(stats)
        command = [os.path.join(VENV, 'bin', 'kolla-ansible'), *args, '-i', self.inventory, '--configdir', self.etc]
        if verbose:
            command.append('-vvv')
        start = time.monotonic()
        proc = subprocess.run(command, env=self.environment(mode, stats), capture_output=True, text=True)
        seconds = time.monotonic() - start
        with open(os.path.join(logs, '%s-%s.log' % (mode, phase)), 'w') as handle:
            handle.write(proc.stdout + proc.stderr)
        tasks = []
        if os.path.exists(stats):
            with open(stats) as handle:
                tasks = [json.loads(line) for line in handle if line.strip()]
        infos = inspect_containers()
        return PhaseResult(
            phase=phase, mode=mode, rc=proc.returncode, seconds=seconds, tasks=tasks, output=proc.stdout + proc.stderr,
            containers={i['Name'].lstrip('/'): normalise(i) for i in infos},
            starts={i['Name'].lstrip('/'): (i['Id'], i['State'].get('StartedAt')) for i in infos},
            config=snapshot_tree(self.node_config) if os.path.isdir(self.node_config) else {})

    def reset(self) -> None:
        """Nothing of an earlier run left: containers and volumes of our engine, config, unit files."""
        check_private_engine()
        for info in inspect_containers():
            docker('rm', '-f', '-v', info['Name'].lstrip('/'))
        volumes = docker('volume', 'ls', '-q').split()
        if volumes:
            docker('volume', 'rm', *volumes)
        shutil.rmtree(self.node_config, ignore_errors=True)
        units = '/etc/systemd/system'
        for name in os.listdir(units):
            if name.startswith('kolla-') and name.endswith('-container.service'):
                os.remove(os.path.join(units, name))
        wants = os.path.join(units, 'multi-user.target.wants')
        for name in os.listdir(wants) if os.path.isdir(wants) else []:
            if name.startswith('kolla-'):
                os.remove(os.path.join(wants, name))
        if self.scenario.external_database:
            self.start_external_database()

    def password(self, name: str) -> str:
        import yaml  # Kolla's venv has it (Ansible's)
        with open(self.passwords) as handle:
            return yaml.safe_load(handle)[name]

    def start_external_database(self) -> None:
        """MariaDB (our image) on 127.0.0.1:3306 with keystone's database and user: what Kolla's
        use_preconfigured_databases expects to exist. Its own entrypoint, not Kolla's start (no config.json)."""
        docker('run', '-d', '--name', EXTERNAL_DATABASE, '--network', 'host', '--entrypoint', '/bin/sh',
               '%s/mariadb-server:zed-1' % NAMESPACE, '-c',
               'mariadb-install-db --user=mysql >/dev/null && exec mariadbd --user=mysql '
               '--bind-address=127.0.0.1 --port=3306 --skip-name-resolve')
        for _ in range(120):
            if subprocess.run(['docker', 'exec', EXTERNAL_DATABASE, 'mariadb-admin', 'ping'],
                              capture_output=True).returncode == 0:
                break
            time.sleep(0.5)
        else:
            raise RuntimeError('the external database did not start: %s' % docker('logs', EXTERNAL_DATABASE)[-2000:])
        # The password travels on stdin, never on a command line.
        sql = ("CREATE DATABASE keystone; CREATE USER 'keystone'@'%%' IDENTIFIED BY '%s'; "
               "GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'%%';\n" % self.password('keystone_database_password'))
        subprocess.run(['docker', 'exec', '-i', EXTERNAL_DATABASE, 'mariadb'], input=sql, text=True,
                       check=True, capture_output=True)

    def scenario(self, mode: str) -> list:
        self.reset()
        results = []
        for phase, args in self.phases:
            result = self.run(mode, phase, args)
            results.append(result)
            if result.rc != 0:
                break
        return results
