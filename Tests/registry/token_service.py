#!/usr/bin/env python3
"""A small Docker registry token service (the `auth: token:` flow of Distribution) for the tests.

GET /token?service=S&scope=repository:NAME:pull,push[&scope=…] with HTTP basic auth (or POST with an
OAuth2 password grant) answers {"token", "access_token", "expires_in", "issued_at"}: a JWT signed
with ES256 whose header carries the signing certificate (`x5c`), which the registry trusts through
its `rootcertbundle`. Valid credentials get the actions they ask for; anonymous requests get pull
only; wrong credentials get 401.

Test controls (127.0.0.1 only):
  GET /admin?valid_for=S&advertise=S   tokens stop working after S seconds; `expires_in` says
                                       `advertise` seconds (default: the same). advertise > valid_for
                                       makes tokens expire earlier than announced: a 401 mid-copy.
  GET /stats                           {"issued": n, "denied": n, "scopes": {scope: n}, "basic": n}
  GET /reset                           zero the counters

Distribution 2.8 accepts a token up to 60 s after its `exp` (its leeway), so `exp` is set to
issued + valid_for - 60: the registry really refuses the token after valid_for seconds.
"""
import argparse
import base64
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

LEEWAY = 60  # Distribution's token.Leeway


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Issuer:
    def __init__(self, key_path, cert_path, issuer, service, users):
        self.key = serialization.load_pem_private_key(open(key_path, "rb").read(), password=None)
        cert = x509.load_pem_x509_certificate(open(cert_path, "rb").read())
        self.x5c = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
        self.issuer, self.service, self.users = issuer, service, users
        self.lock = threading.Lock()
        self.valid_for, self.advertise = 300, None
        self.reset()

    def reset(self):
        with self.lock:
            self.issued, self.denied, self.basic, self.scopes = 0, 0, 0, {}

    def sign(self, subject, access, valid_for):
        now = int(time.time())
        header = {"typ": "JWT", "alg": "ES256", "x5c": [self.x5c]}
        claims = {"iss": self.issuer, "sub": subject, "aud": self.service, "iat": now, "nbf": now - 1,
                  "exp": now + valid_for - LEEWAY, "jti": secrets.token_hex(16), "access": access}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        der = self.key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return signing_input + "." + b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))

    def grant(self, user, scopes):
        access = []
        for scope in scopes:
            for one in scope.split(" "):
                parts = one.split(":")
                if len(parts) < 3 or parts[0] not in ("repository", "registry"):
                    continue
                kind, name, actions = parts[0], ":".join(parts[1:-1]), parts[-1].split(",")
                allowed = [a for a in actions if a in ("pull", "push", "*")] if user else \
                    [a for a in actions if a == "pull"]
                access.append({"type": kind, "name": name, "actions": allowed})
        with self.lock:
            self.issued += 1
            for scope in scopes or [""]:
                self.scopes[scope] = self.scopes.get(scope, 0) + 1
            valid_for, advertise = self.valid_for, self.advertise
        token = self.sign(user or "anonymous", access, valid_for)
        return {"token": token, "access_token": token, "expires_in": advertise or valid_for,
                "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    issuer: Issuer

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def user_from_basic(self):
        """None (anonymous), a user name, or False (wrong credentials)."""
        auth = self.headers.get("Authorization", "")
        if not auth.lower().startswith("basic "):
            return None
        with self.issuer.lock:
            self.issuer.basic += 1
        try:
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return self.check(user, password)

    def check(self, user, password):
        return user if self.issuer.users.get(user) == password and user else False

    def deny(self):
        with self.issuer.lock:
            self.issuer.denied += 1
        self.reply(401, {"errors": [{"code": "UNAUTHORIZED", "message": "wrong credentials"}]},
                   [("WWW-Authenticate", 'Basic realm="oc-rt-token"')])

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/token":
            user = self.user_from_basic()
            if user is False:
                return self.deny()
            return self.reply(200, self.issuer.grant(user, query.get("scope", [])))
        if url.path == "/stats":
            with self.issuer.lock:
                return self.reply(200, {"issued": self.issuer.issued, "denied": self.issuer.denied,
                                        "basic": self.issuer.basic, "scopes": dict(self.issuer.scopes),
                                        "valid_for": self.issuer.valid_for, "advertise": self.issuer.advertise})
        if url.path == "/admin":
            with self.issuer.lock:
                if "valid_for" in query:
                    self.issuer.valid_for = int(query["valid_for"][0])
                    self.issuer.advertise = None
                if "advertise" in query:
                    self.issuer.advertise = int(query["advertise"][0])
            return self.reply(200, {"valid_for": self.issuer.valid_for, "advertise": self.issuer.advertise})
        if url.path == "/reset":
            self.issuer.reset()
            return self.reply(200, {})
        self.reply(404, {})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if urllib.parse.urlsplit(self.path).path != "/token":
            return self.reply(404, {})
        if form.get("grant_type", [""])[0] != "password":
            return self.reply(400, {"error": "unsupported_grant_type"})
        user = self.check(form.get("username", [""])[0], form.get("password", [""])[0])
        if user is False:
            return self.deny()
        self.reply(200, self.issuer.grant(user, form.get("scope", [])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", default="127.0.0.1:5154")
    ap.add_argument("--key", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--issuer", required=True)
    ap.add_argument("--service", required=True)
    ap.add_argument("--users", required=True, help="JSON {user: password}")
    ap.add_argument("--state", help="directory of the service (for the pid check)")
    a = ap.parse_args()
    host, _, port = a.listen.rpartition(":")
    if host != "127.0.0.1":
        sys.exit("token_service: listens on 127.0.0.1 only")
    Handler.issuer = Issuer(a.key, a.cert, a.issuer, a.service, json.load(open(a.users)))
    server = ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
