#!/usr/bin/env python3
"""Real Debian `docker-registry` (Distribution 2.8) instances on 127.0.0.1 for the image-copy tests.

    registries.py start|stop|status|env|reset NAME|kill NAME|restart NAME    (scripts/registries.sh wraps this)

| name  | port | what |
|-------|------|------|
| src   | 5150 | plain HTTP, anonymous: the fixture images (scripts/fixtures/registry-images.sh) |
| dst   | 5151 | plain HTTP, anonymous: the usual destination |
| tls   | 5152 | HTTPS (self-signed CA from openssl) + htpasswd basic auth (bcrypt) |
| tok   | 5153 | plain HTTP, bearer tokens from the token service below (`auth: token:`) |
| token | 5154 | token_service.py: JWTs (ES256, x5c) for `tok`, basic auth, short expiry |

Everything lives under OC_RT_DIR (default /tmp/oc-rt-registries): pki/ (CA, server cert, token
signing key), <name>/config.yml, <name>/storage, <name>/pid, <name>/log, and `secret.json` (the
user names and generated passwords; mode 0600). Only processes whose pid this file recorded are
ever signalled. Every registry can be stopped (SIGTERM), killed (SIGKILL), reset (emptied) and
started again on the same port and storage.
"""
import json
import os
import pathlib
import secrets
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
BASE = pathlib.Path(os.environ.get("OC_RT_DIR", "/tmp/oc-rt-registries"))
HOST = "127.0.0.1"
# OC_RT_PORT_BASE moves the five ports together (a second set beside the usual one).
_BASE_PORT = int(os.environ.get("OC_RT_PORT_BASE", "5150"))
PORTS = {name: _BASE_PORT + i for i, name in enumerate(("src", "dst", "tls", "tok", "token"))}
REGISTRIES = ("src", "dst", "tls", "tok")
TOKEN_SERVICE = "oc-rt-registry"
TOKEN_ISSUER = "oc-rt-token-issuer"
USER = "oc-rt-user"
TOKEN_USER = "oc-rt-token-user"


def netloc(name):
    return f"{HOST}:{PORTS[name]}"


def pki():
    return BASE / "pki"


def ca_file():
    return pki() / "ca.crt"


def secret():
    """{'tls': {'user':…, 'password':…}, 'tok': {…}} (created by `start`)."""
    return json.loads((BASE / "secret.json").read_text())


def _run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_pki():
    """A CA, a server certificate for 127.0.0.1 signed by it, and a token signing key + self-signed cert."""
    d = pki()
    if (d / "done").exists():
        return
    d.mkdir(parents=True, exist_ok=True)
    _run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", str(d / "ca.key"), "-out", str(d / "ca.crt"), "-days", "3650", "-subj", "/CN=oc-rt test CA")
    _run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", str(d / "server.key"), "-out", str(d / "server.csr"), "-subj", "/CN=127.0.0.1")
    (d / "server.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                                  "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    _run("openssl", "x509", "-req", "-in", str(d / "server.csr"), "-CA", str(d / "ca.crt"), "-CAkey", str(d / "ca.key"),
         "-CAcreateserial", "-out", str(d / "server.crt"), "-days", "3650", "-extfile", str(d / "server.ext"))
    _run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", str(d / "token.key"), "-out", str(d / "token.crt"), "-days", "3650", "-subj", "/CN=oc-rt token signer")
    (d / "done").write_text("")


# The registry checks the bcrypt hash on every request: cost 5 (`htpasswd -B`'s default) keeps
# that at about a millisecond; the default cost 12 adds a quarter second per request.
BCRYPT_COST = 5


def bcrypt_hash(password):
    """A bcrypt hash for htpasswd: glibc's libxcrypt through `crypt`, else the `bcrypt` package."""
    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import crypt
        h = crypt.crypt(password, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=2 ** BCRYPT_COST))
        if h and h.startswith("$2"):
            return h
    except ImportError:
        pass
    import bcrypt  # scripts/setup.sh installs it when `crypt` cannot do bcrypt
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_COST)).decode()


def make_secret():
    path = BASE / "secret.json"
    htpasswd = BASE / "tls" / "htpasswd"
    """Makes the passwords, the htpasswd and the token users; True when they are new."""
    if path.exists() and htpasswd.exists() and f"$2b${BCRYPT_COST:02d}$" in htpasswd.read_text():
        return False
    path.unlink(missing_ok=True)
    # Distinctive passwords, easy to grep for in outputs.
    data = {"tls": {"user": USER, "password": "Pw-tls-" + secrets.token_hex(12)},
            "tok": {"user": TOKEN_USER, "password": "Pw-tok-" + secrets.token_hex(12)}}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f)
    (BASE / "tls").mkdir(parents=True, exist_ok=True)
    htpasswd.write_text(f"{USER}:{bcrypt_hash(data['tls']['password'])}\n")
    (BASE / "token").mkdir(parents=True, exist_ok=True)
    users = BASE / "token" / "users.json"
    users.write_text(json.dumps({TOKEN_USER: data["tok"]["password"]}))
    users.chmod(0o600)
    return True


def registry_config(name):
    d = BASE / name
    lines = [
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        f"    rootdirectory: {d / 'storage'}",
        "  delete:",
        "    enabled: true",
        "  cache:",
        "    blobdescriptor: inmemory",
        "http:",
        f"  addr: {netloc(name)}",
        f"  secret: oc-rt-{name}-not-secret",
    ]
    if name == "tls":
        lines += ["  tls:", f"    certificate: {pki() / 'server.crt'}", f"    key: {pki() / 'server.key'}",
                  "auth:", "  htpasswd:", "    realm: oc-rt-basic", f"    path: {d / 'htpasswd'}"]
    if name == "tok":
        lines += ["auth:", "  token:", f"    realm: http://{netloc('token')}/token", f"    service: {TOKEN_SERVICE}",
                  f"    issuer: {TOKEN_ISSUER}", f"    rootcertbundle: {pki() / 'token.crt'}"]
    return "\n".join(lines) + "\n"


def _pid(name):
    try:
        pid = int((BASE / name / "pid").read_text())
    except (OSError, ValueError):
        return None
    try:
        cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    # Ours only: a docker-registry serving our config, or our token service.
    return pid if str(BASE / name).encode() in cmdline else None


def base_url(name):
    scheme = "https" if name == "tls" else "http"
    return f"{scheme}://{netloc(name)}"


def _ssl_context():
    return ssl.create_default_context(cafile=str(ca_file()))


def answering(name):
    """True when the service answers HTTP at all (401 counts: the registry is up)."""
    url = base_url(name) + ("/stats" if name == "token" else "/v2/")
    try:
        urllib.request.urlopen(url, timeout=2, context=_ssl_context() if name == "tls" else None).close()
        return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False


def start(name):
    """Starts one service (idempotent) and waits until it answers."""
    if _pid(name) and answering(name):
        return
    d = BASE / name
    d.mkdir(parents=True, exist_ok=True)
    if name == "token":
        cmd = [sys.executable, str(HERE / "token_service.py"), "--listen", netloc("token"),
               "--key", str(pki() / "token.key"), "--cert", str(pki() / "token.crt"), "--issuer", TOKEN_ISSUER,
               "--service", TOKEN_SERVICE, "--users", str(d / "users.json"), "--state", str(d)]
    else:
        (d / "storage").mkdir(exist_ok=True)
        (d / "config.yml").write_text(registry_config(name))
        cmd = ["/usr/bin/docker-registry", "serve", str(d / "config.yml")]
    with open(d / "log", "ab") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    (d / "pid").write_text(str(proc.pid))
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}; see {d / 'log'}")
        if answering(name):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not answer on {netloc(name)}; see {d / 'log'}")


def stop(name, sig=signal.SIGTERM):
    """Stops one service this file started (SIGTERM, or SIGKILL for a crash) and waits for it."""
    pid = _pid(name)
    if pid:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        for _ in range(200):
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            if not pathlib.Path(f"/proc/{pid}").exists() or _zombie(pid):
                break
            time.sleep(0.025)
    (BASE / name / "pid").unlink(missing_ok=True)


def _zombie(pid):
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return True


def kill(name):
    """kill -9: the registry dies mid-request, as in a crash."""
    stop(name, signal.SIGKILL)


def reset(name):
    """Empties a registry (stop, wipe storage, start): it caches blob descriptors in memory."""
    stop(name)
    subprocess.run(["rm", "-rf", str(BASE / name / "storage")], check=True)
    start(name)


def start_all():
    BASE.mkdir(parents=True, exist_ok=True)
    make_pki()
    if make_secret():
        stop("tls")  # both read their users once, at start
        stop("token")
    for name in ("token",) + REGISTRIES:
        start(name)


def stop_all():
    for name in REGISTRIES + ("token",):
        stop(name)


def status():
    ok = True
    for name in REGISTRIES + ("token",):
        pid, up = _pid(name), answering(name)
        ok &= bool(pid and up)
        print(f"{name:6} {netloc(name):16} pid={pid or '-':<8} {'answering' if up else 'down'}")
    return ok


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "status"
    if cmd == "start":
        start_all()
        status()
    elif cmd == "stop":
        stop_all()
    elif cmd in ("reset", "kill", "restart") and len(argv) > 2 and argv[2] in REGISTRIES:
        {"reset": reset, "kill": kill, "restart": lambda n: (stop(n), start(n))}[cmd](argv[2])
    elif cmd == "status":
        return 0 if status() else 1
    elif cmd == "env":
        print(f"OC_RT_DIR={BASE}\nOC_RT_CA={ca_file()}")
        for name in PORTS:
            print(f"OC_RT_{name.upper()}={netloc(name)}")
    else:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
