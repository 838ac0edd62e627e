"""tripleo_container_manage against paunch 7.0.4 itself, on the real tripleo-heat-templates 18.0.0 definitions of
keystone, memcached, mysql, placement, glance and rabbitmq (tht_docker_config.py resolves their docker_config).

For every container: paunch's own code makes the `docker run` command (`paunch debug --action print-cmd`, whose
printed line is checked to be the same words); the real Docker CLI turns it into a container (`docker create`,
so nothing runs); our module's debug face (`print_requests`) gives its create request, which goes to the same
engine. The two containers' inspections must be equal, apart from the differences on purpose listed in
ON_PURPOSE (and in the module's sidecar notes), each of which is asserted to be exactly that difference.
`action: exec` definitions are compared with paunch's `docker exec` arguments.

Environment: OC_PAUNCH_VENV (default /tmp/oc-paunch-venv: paunch==7.0.4 and PyYAML; created when missing),
OC_THT_DIR (an unpacked tripleo-heat-templates-18.0.0; downloaded into /tmp/oc-paunch-cache when missing),
OC_NODE_BINARY (default .build-release/release/overcloud-node). Containers are named oc-pd-*; removed afterwards.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
VENV = Path(os.environ.get('OC_PAUNCH_VENV', '/tmp/oc-paunch-venv'))
CACHE = Path('/tmp/oc-paunch-cache')
IMAGE = 'overcloud-test/debian:bookworm'
PREFIX = 'oc-pd-'
CONFIG_ID = 'oc_pd_step'
MANAGED_BY = 'tripleo-Controller'

pytestmark = pytest.mark.skipif(shutil.which('docker') is None or subprocess.run(
    ['docker', 'info'], capture_output=True).returncode != 0, reason='needs a running dockerd')

# paunch's print-cmd, from paunch's own builder (the words; its printed line is the same words joined by spaces).
PAUNCH_ARGV = r'''
import contextlib, io, json, sys
import paunch
from paunch.builder import compose1
from paunch import runner
steps, config_id, managed_by = json.load(sys.stdin), sys.argv[1], sys.argv[2]
out = {}
for step, config in steps.items():
  for name, definition in config.items():
      r = runner.DockerRunner(managed_by, cont_cmd='docker')
      builder = compose1.ComposeV1Builder(config_id=config_id, config=config, runner=r)
      if definition.get('action') == 'exec':
          cmd = ['docker', 'exec']
          builder.cont_exec_args(cmd, name, delegate=definition['command'][0])
      else:
          cmd = ['docker', 'run', '--name', name]
          builder.label_arguments(cmd, name)
          builder.container_run_args(cmd, name)
          printed = io.StringIO()
          with contextlib.redirect_stdout(printed):
              paunch.debug(config_id, name, 'print-cmd', {name: definition}, managed_by, cont_cmd='docker')
          shown = [w if w != '--health-cmd' else w for w in cmd]
          if '--health-cmd' in cmd:
              i = cmd.index('--health-cmd') + 1
              shown[i] = '"%s"' % cmd[i]
          assert printed.getvalue().strip() == ' '.join(shown), (printed.getvalue(), shown)
      out[step + '/' + name] = cmd
json.dump(out, sys.stdout)
'''

# Definitions for the keys the six services do not use: every key paunch's Docker builder turns into an argument.
ENV_FILE = '/tmp/oc-pd-env-file'
SYNTHETIC = {'step_1': {
    'keys_process': dict(image=IMAGE, net='none', ipc='private', pid='host', user='42:42', hostname='pd-host',
                         tty=True, interactive=True, remove=True, privileged=True,
                         stop_signal='SIGINT', stop_grace_period=42, command='sh -c  sleep', log_tag='pd-tag',
                         environment=['A=1', 'EMPTY=', 'BARE', ''], env_file=ENV_FILE),
    'keys_limits': dict(image=IMAGE, net='host', ulimit=['nofile=1024:2048', 'nproc=512', ''], cpu_shares=512,
                        mem_limit='256m', memswap_limit='1g', mem_swappiness=10, cpuset_cpus='0',
                        cap_add=['net_admin', 'CAP_SYS_NICE'], cap_drop=['mknod'], group_add=['42', '0'],
                        security_opt=['no-new-privileges', 'label=disable'], extra_hosts=['pd.example:127.0.0.2'],
                        healthcheck={'test': 'curl -f localhost', 'interval': '45s', 'timeout': '5s', 'retries': 7},
                        restart='on-failure:5', environment={'B': 2, 'A': 'x', 'C': True, 'D': ''}),
    'keys_shared': dict(image=IMAGE, net='container:oc-pd-ref', uts='host', volumes_from=['oc-pd-ref:ro'], security_opt='seccomp=unconfined',
                        cpuset_cpus='all', volumes=['/anonymous', '/tmp:/host-tmp:ro,z', 'oc-pd-named:/named']),
    # paunch's own Docker builder leaves these keys out; the module applies them (ON_PURPOSE).
    'keys_beyond_paunch': dict(image=IMAGE, entrypoint=['/bin/sh', '-c'], command=['sleep 1'], stdin_open=True,
                               pids_limit=100, sysctl={'net.ipv4.ip_forward': '1'}, check_interval=90,
                               healthcheck={'test': 'true'}),
    # paunch writes --stop-timeout=90.0 for a duration, which the Docker CLI refuses (ON_PURPOSE).
    'keys_duration': dict(image=IMAGE, stop_grace_period='1m30s'),
    # A one-shot container with remove: the module removes it once its output is read (ON_PURPOSE).
    'keys_oneshot': dict(image=IMAGE, detach=False, remove=True, command=['true']),
}}

# Differences on purpose: (container, inspect path) → (paunch's value, ours, why). Each is tested to be exactly
# that difference; the sidecar's notes say the same.
ON_PURPOSE: dict[tuple[str, str], tuple[object, object, str]] = {
    ('synthetic/keys_beyond_paunch', 'Config.Entrypoint'): (None, ['/bin/sh', '-c'], "paunch's Docker builder drops it"),
    ('synthetic/keys_beyond_paunch', 'Config.OpenStdin'): (False, True, 'stdin_open is compose v1 for interactive'),
    ('synthetic/keys_beyond_paunch', 'HostConfig.PidsLimit'): (None, 100, 'paunch passes it to Podman only'),
    ('synthetic/keys_beyond_paunch', 'HostConfig.Sysctls'): (None, {'net.ipv4.ip_forward': '1'}, 'tripleo-ansible key'),
    ('synthetic/keys_beyond_paunch', 'Config.Healthcheck.Interval'): (None, 90_000_000_000,
                                                                      "check_interval: tripleo-ansible's interval"),
    ('synthetic/keys_oneshot', 'HostConfig.AutoRemove'): (True, False, 'removed after its output is read'),
    ('synthetic/keys_duration', 'cli'): ('invalid argument "90.0"', 90, 'paunch writes a float the CLI refuses'),
}


def docker(*args: str, check: bool = True) -> str:
    return subprocess.run(['docker', *args], capture_output=True, text=True, check=check).stdout


class EngineSocket(http.client.HTTPConnection):
    def __init__(self):
        super().__init__('localhost')

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect('/var/run/docker.sock')


def create(name: str, body: dict) -> None:
    conn = EngineSocket()
    conn.request('POST', f'/v1.41/containers/create?name={name}', json.dumps(body), {'Content-Type': 'application/json'})
    reply = conn.getresponse()
    assert reply.status == 201, f'{name}: {reply.status} {reply.read()!r}'


def venv() -> Path:
    python = VENV / 'bin/python'
    if subprocess.run([str(python), '-c', 'import paunch, yaml'], capture_output=True).returncode != 0:
        subprocess.run([sys.executable, '-m', 'venv', str(VENV)], check=True)
        subprocess.run([str(VENV / 'bin/pip'), 'install', '-q', 'paunch==7.0.4', 'PyYAML'], check=True)
    return python


def tht() -> Path:
    if os.environ.get('OC_THT_DIR'):
        return Path(os.environ['OC_THT_DIR'])
    root = CACHE / 'tripleo-heat-templates-18.0.0'
    if not root.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(VENV / 'bin/pip'), 'download', '-q', '--no-deps', '--no-binary', ':all:',
                        'tripleo-heat-templates==18.0.0', '-d', str(CACHE)], check=True)
        with tarfile.open(CACHE / 'tripleo-heat-templates-18.0.0.tar.gz') as archive:
            archive.extractall(CACHE, filter='data')
    return root


def node_binary() -> Path:
    # Absolute: the module runs through a symlink in a temporary folder (a relative target would dangle there).
    path = Path(os.environ.get('OC_NODE_BINARY', ROOT / '.build-release/release/overcloud-node')).absolute()
    if not path.exists():
        pytest.fail(f'{path} is missing: build it (scripts/build-collection.sh) or set OC_NODE_BINARY')
    return path


def module(binary: Path, work: Path, args: dict) -> dict:
    link = work / 'tripleo_container_manage'
    if not link.exists():
        link.symlink_to(binary)
    (work / 'args.json').write_text(json.dumps(args))
    proc = subprocess.run([str(link), str(work / 'args.json')], capture_output=True, text=True)
    return json.loads(proc.stdout)


def remove_containers() -> None:
    names = docker('ps', '-aq', '--filter', f'name=^/{PREFIX}').split()
    if names:
        docker('rm', '-f', *names, check=False)


def normalised(inspect: dict) -> dict:
    """What a definition decides, from an inspection (fields the engine fills per container dropped)."""
    config, host = dict(inspect['Config']), dict(inspect['HostConfig'])
    # `docker create` attaches the CLI's streams (docker run --detach does not); the engine names the rest.
    for key in ('AttachStdin', 'AttachStdout', 'AttachStderr', 'StdinOnce'):
        config.pop(key, None)
    if config.get('Hostname') == inspect['Id'][:12]:
        config.pop('Hostname')
    host['Binds'] = sorted(host.get('Binds') or [])
    # The Docker CLI's environment comes out of a map: its order is not the command line's. Order only matters
    # for a repeated name, which the definitions here do not have (asserted).
    names = [entry.partition('=')[0] for entry in config.get('Env') or []]
    assert len(names) == len(set(names)), names
    config['Env'] = sorted(config.get('Env') or [])
    # The CLI sends empty lists and maps where a request may leave the field out; the engine treats both alike.
    for part in (config, host):
        for key in [k for k, v in part.items() if v in ([], {}, None)]:
            del part[key]
    mounts = sorted((m['Type'], m.get('Source', '') if m['Type'] == 'bind' else '', m['Destination'], m['Mode'], m['RW'])
                    for m in inspect['Mounts'])
    return {'Config': config, 'HostConfig': host, 'Mounts': mounts}


def differences(a, b, path='') -> list[tuple[str, object, object]]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            out += differences(a.get(key), b.get(key), f'{path}.{key}' if path else key)
        return out
    return [] if a == b else [(path, a, b)]


def exec_fields(argv: list[str]) -> dict:
    """paunch's `docker exec` words as the exec request's fields."""
    fields, words = {'Env': []}, argv[2:]
    while words and words[0].startswith('--'):
        flag, _, value = words.pop(0).partition('=')
        if flag == '--privileged':
            fields['Privileged'] = value == 'true'
        elif flag == '--user':
            fields['User'] = value
        elif flag == '--env':
            fields['Env'].append(value)
    fields['container'], fields['Cmd'] = words[0], words[1:]
    if not fields['Env']:
        del fields['Env']
    return fields


@pytest.fixture(scope='module')
def compared(tmp_path_factory):
    if subprocess.run(['docker', 'image', 'inspect', IMAGE], capture_output=True).returncode != 0:
        pytest.skip(f'{IMAGE} is not built (scripts/fixtures/debian-image.sh)')
    python = venv()
    from tht_docker_config import docker_config
    services = dict(docker_config(tht(), IMAGE), synthetic=SYNTHETIC)
    Path(ENV_FILE).write_text('# comment\nFROM_FILE=1\n  SPACED=2\nUNSET_NAME\n\nLATER=from-file\n')
    binary = node_binary()
    work = tmp_path_factory.mktemp('paunch')
    remove_containers()
    docker('create', '--name', 'oc-pd-ref', IMAGE, 'true')
    results = {}
    try:
        everything = {f'{service}/{step}': containers for service, steps in services.items()
                      for step, containers in steps.items()}
        argvs = json.loads(subprocess.run(
            [str(python), '-c', PAUNCH_ARGV, CONFIG_ID, MANAGED_BY], input=json.dumps(everything),
            capture_output=True, text=True, check=True).stdout)
        for service, steps in services.items():
            for step, containers in steps.items():
                ours = module(binary, work, {'config_id': CONFIG_ID, 'managed_by': MANAGED_BY, 'containers': containers,
                                             'print_requests': True})
                assert not ours.get('failed'), ours
                for name, definition in containers.items():
                    request, argv = ours['requests'][name], argvs[f'{service}/{step}/{name}']
                    if definition.get('action') == 'exec':
                        mine = dict(request['exec'], container=request['container'])
                        for key in ('AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty'):
                            mine.pop(key)
                        results[f'{service}/{name}'] = ('exec', exec_fields(argv), mine)
                        continue
                    theirs_name, ours_name = f'{PREFIX}p-{name}', f'{PREFIX}o-{name}'
                    words = ['create', '--name', theirs_name] + [w for w in argv[4:] if w != '--detach=true']
                    cli = subprocess.run(['docker', *words], capture_output=True, text=True)
                    if cli.returncode != 0:
                        results[f'{service}/{name}'] = ('cli', cli.stderr, request['create'])
                        continue
                    create(ours_name, request['create'])
                    theirs, mine = (normalised(json.loads(docker('inspect', n))[0]) for n in (theirs_name, ours_name))
                    results[f'{service}/{name}'] = ('run', theirs, mine)
        yield results
    finally:
        remove_containers()
        docker('volume', 'rm', 'oc-pd-named', check=False)
        Path(ENV_FILE).unlink(missing_ok=True)


def test_every_chosen_service_is_compared(compared):
    services = {key.split('/')[0] for key in compared}
    assert services == {'keystone', 'memcached', 'mysql', 'placement', 'glance', 'rabbitmq', 'synthetic'}
    assert len(compared) >= 15
    assert {kind for kind, _, _ in compared.values()} == {'run', 'exec', 'cli'}


def test_create_requests_equal_what_paunch_makes_docker_send(compared):
    report, seen = [], set()
    for key, (kind, theirs, mine) in compared.items():
        if kind == 'cli':
            expected = ON_PURPOSE.get((key, 'cli'))
            assert expected and expected[0] in theirs, f'{key}: the Docker CLI refused paunch\'s command: {theirs}'
            assert mine['StopTimeout'] == expected[1]
            seen.add((key, 'cli'))
            continue
        for path, a, b in differences(theirs, mine):
            seen.add((key, path))
            expected = ON_PURPOSE.get((key, path))
            if expected is None or (a, b) != expected[:2]:
                report.append(f'{key}: {path}: paunch {a!r} != ours {b!r}')
    assert not report, '\n'.join(report)
    assert seen == set(ON_PURPOSE), f'differences on purpose not seen: {set(ON_PURPOSE) - seen}'


def test_every_paunch_docker_key_is_exercised(compared):
    """Each key compose1.py reads appears in a compared definition (so none is checked only by its unit test)."""
    import re
    source = (VENV / 'lib').glob('python3*/site-packages/paunch/builder/compose1.py')
    keys = set(re.findall(r"cconfig(?:\.get\(|\[|, cmd, )'(\w+)'", next(source).read_text()))
    used = {key for steps in [SYNTHETIC] for containers in steps.values() for d in containers.values() for key in d}
    from tht_docker_config import docker_config
    for service in docker_config(tht(), IMAGE).values():
        for containers in service.values():
            for d in containers.values():
                used |= set(d)
    assert keys - used == set(), keys - used


def test_the_containers_carry_tripleo_labels(compared):
    for key, (kind, theirs, mine) in compared.items():
        if kind != 'run':
            continue
        labels = mine['Config']['Labels']
        assert labels['config_id'] == CONFIG_ID and labels['managed_by'] == MANAGED_BY
        assert labels['container_name'] == key.split('/')[1]
        assert json.loads(labels['config_data'])
