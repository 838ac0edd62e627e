"""Stand-in for dbus-python + the systemd1 Manager (copied from the shared peer bench, ../shared/peer-bench/shim).


kolla-ansible's kolla_container module (module_utils/kolla_systemd_worker.py)
drives containers through systemd over D-Bus: it writes
/etc/systemd/system/kolla-<name>-container.service, calls Reload,
EnableUnitFiles, StartUnit/StopUnit/RestartUnit and polls ListUnits.
This benchmark machine has no systemd as PID 1 and no system bus, so this
module provides just the calls SystemdWorker makes and carries them out
against the Docker engine directly (what the unit's ExecStart/ExecStop
would run):

  StartUnit   -> POST /containers/<name>/start
  StopUnit    -> POST /containers/<name>/stop?t=<graceful timeout from unit>
  RestartUnit -> POST /containers/<name>/restart?t=<graceful timeout>
  ListUnits   -> GET /containers/json?all=1, one row per kolla unit file,
                 sub-state 'running' or 'dead'
  Reload      -> no-op (a real daemon-reload costs extra time: the figures
                 measured with this shim are a LOWER bound for kolla)
  EnableUnitFiles -> symlink into multi-user.target.wants

It is installed into the kolla venv's site-packages by setup.sh; nothing
else on the machine uses it.
"""
import http.client
import json
import os
import re
import socket

DOCKER_SOCK = os.environ.get('PEER_DOCKER_SOCK', '/var/run/docker.sock')
SYSDIR = '/etc/systemd/system/'
WANTS = SYSDIR + 'multi-user.target.wants/'
UNIT_RE = re.compile(r'^kolla-(.+)-container\.service$')


class DBusException(Exception):
    pass


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=300):
        super().__init__('localhost', timeout=timeout)
        self._path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self._path)
        self.sock = s


def _docker(method, path):
    conn = _UnixHTTPConnection(DOCKER_SOCK)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status >= 400:
            raise DBusException('docker %s %s: %s %s'
                                % (method, path, resp.status, body[:200]))
        return json.loads(body) if body else None
    finally:
        conn.close()


def _container_of(unit):
    m = UNIT_RE.match(str(unit))
    if not m:
        raise DBusException('unknown unit %s' % unit)
    return m.group(1)


def _stop_timeout(unit):
    try:
        with open(SYSDIR + unit) as f:
            m = re.search(r'^ExecStop=.* -t (\d+)', f.read(), re.M)
            if m:
                return int(m.group(1))
    except OSError:
        pass
    return 10


class _Manager(object):
    def StartUnit(self, unit, mode):
        _docker('POST', '/containers/%s/start' % _container_of(unit))
        return '/org/freedesktop/systemd1/job/1'

    def StopUnit(self, unit, mode):
        _docker('POST', '/containers/%s/stop?t=%d'
                % (_container_of(unit), _stop_timeout(unit)))
        return '/org/freedesktop/systemd1/job/2'

    def RestartUnit(self, unit, mode):
        _docker('POST', '/containers/%s/restart?t=%d'
                % (_container_of(unit), _stop_timeout(unit)))
        return '/org/freedesktop/systemd1/job/3'

    def Reload(self):
        return None

    def EnableUnitFiles(self, units, runtime, force):
        os.makedirs(WANTS, exist_ok=True)
        for u in units:
            link = WANTS + u
            if not os.path.lexists(link):
                os.symlink('../' + u, link)
        return (True, [])

    def ListUnits(self):
        state = {}
        for c in _docker('GET', '/containers/json?all=1') or []:
            for n in c.get('Names', []):
                state[n.lstrip('/')] = c.get('State')
        rows = []
        for fn in sorted(os.listdir(SYSDIR)):
            m = UNIT_RE.match(fn)
            if not m:
                continue
            running = state.get(m.group(1)) == 'running'
            rows.append((fn, 'kolla unit', 'loaded',
                         'active' if running else 'inactive',
                         'running' if running else 'dead',
                         '', '/org/freedesktop/systemd1/unit/x', 0, '', '/'))
        return rows


class _Object(object):
    def __init__(self, bus_name, path):
        self.bus_name = bus_name
        self.path = path


class SystemBus(object):
    def get_object(self, bus_name, path):
        return _Object(bus_name, path)


def Interface(obj, dbus_interface=None):
    return _Manager()
