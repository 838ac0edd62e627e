"""A threaded HTTP proxy in front of one plain-HTTP registry, for the image-copy tests.

It forwards every request unchanged (the Host header too, so the registry's upload `Location`s
point back at the proxy), counts requests by method and kind, records which blobs were uploaded
or mounted, and injects faults by rule:

    proxy = FaultProxy("127.0.0.1:5151")          # listens on a free port in 5160-5199
    proxy.add(Rule("PUT", "blob_put", status=429, retry_after=1, times=2))
    proxy.add(Rule(None, "blob_patch", reset=True, every=3))
    proxy.add(Rule("GET", "blob", delay=0.5))
    ... proxy.netloc ...   proxy.count("HEAD", "blob")   proxy.uploads   proxy.close()

Kinds: base (/v2/), catalog, tags, manifest, blob (/blobs/<digest>), blob_post (start an upload),
mount (POST with ?mount=), blob_patch, blob_put (finish an upload), upload (status/cancel), other.
"""
import http.client
import re
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS = range(5160, 5200)
HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "trailer", "upgrade"}
MANIFEST = re.compile(r"^/v2/(?P<name>.+)/manifests/(?P<ref>[^/]+)$")
UPLOAD = re.compile(r"^/v2/(?P<name>.+)/blobs/uploads/(?P<id>[^/]*)$")
BLOB = re.compile(r"^/v2/(?P<name>.+)/blobs/(?P<digest>[a-z0-9]+:[0-9a-f]+)$")
TAGS = re.compile(r"^/v2/(?P<name>.+)/tags/list$")


def classify(method, path, query):
    """(kind, repository name or None)."""
    if path in ("/v2", "/v2/"):
        return "base", None
    if path == "/v2/_catalog":
        return "catalog", None
    for regex, kind in ((UPLOAD, None), (MANIFEST, "manifest"), (BLOB, "blob"), (TAGS, "tags")):
        m = regex.match(path)
        if not m:
            continue
        if kind:
            return kind, m["name"]
        if method == "POST":
            return ("mount" if "mount" in query else "blob_post"), m["name"]
        return {"PATCH": "blob_patch", "PUT": "blob_put"}.get(method, "upload"), m["name"]
    return "other", None


class Rule:
    """A fault for requests matching method (None: any) and kind (None: any) and path regex.

    Actions: status (with optional retry_after and body), reset (RST instead of an answer),
    delay (seconds before forwarding; the request still succeeds). `times`: only the first N
    matching requests; `every`: only every k-th matching request; `after`: skip the first N.
    """

    def __init__(self, method=None, kind=None, path=None, status=None, retry_after=None, reset=False,
                 delay=0.0, times=None, every=None, after=0):
        self.method, self.kind = method, kind
        self.path = re.compile(path) if path else None
        self.status, self.retry_after, self.reset, self.delay = status, retry_after, reset, delay
        self.times, self.every, self.after = times, every, after
        self.matched = 0
        self.fired = 0

    def fires(self, method, kind, path):
        """Decides (under the proxy's lock) whether this rule acts on the request."""
        if self.method and self.method != method or self.kind and self.kind != kind:
            return False
        if self.path and not self.path.search(path):
            return False
        self.matched += 1
        n = self.matched - self.after
        if n < 1 or (self.times is not None and self.fired >= self.times) or (self.every and n % self.every):
            return False
        self.fired += 1
        return True


class FaultProxy:
    def __init__(self, upstream, port=None):
        self.upstream = upstream
        self.lock = threading.Lock()
        self.rules = []
        self.reset_counts()
        handler = type("Handler", (_Handler,), {"proxy": self})
        last = None
        for p in [port] if port else PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", p), handler)
                break
            except OSError as e:
                last = e
        else:
            raise RuntimeError(f"no free port for the fault proxy: {last}")
        self.server.daemon_threads = True
        self.netloc = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, rule):
        with self.lock:
            self.rules.append(rule)
        return rule

    def clear_rules(self):
        with self.lock:
            self.rules = []

    def reset_counts(self):
        with self.lock:
            self.counts = Counter()        # (method, kind) -> requests received
            self.uploads = Counter()       # digest -> completed uploads (201)
            self.mounts = Counter()        # digest -> successful mounts (201)
            self.manifest_puts = Counter() # repo:ref -> successful manifest PUTs
            self.faults = 0
            self.log = []                  # (time, method, path, status or fault)

    def count(self, method=None, kind=None):
        with self.lock:
            return sum(n for (m, k), n in self.counts.items()
                       if (method is None or m == method) and (kind is None or k == kind))

    def snapshot(self):
        with self.lock:
            return {f"{m} {k}": n for (m, k), n in sorted(self.counts.items())}

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    # Called by the handler threads.
    def decide(self, method, kind, path):
        with self.lock:
            self.counts[(method, kind)] += 1
            for rule in self.rules:
                if rule.fires(method, kind, path):
                    self.faults += 1
                    return rule
        return None

    def record(self, method, kind, path, query, status):
        with self.lock:
            self.log.append((time.monotonic(), method, path, status))
            if status != 201:
                return
            digest = query.get("digest", [None])[0]
            if kind == "blob_put" or (kind == "blob_post" and digest):
                self.uploads[digest] += 1
            elif kind == "mount":
                self.mounts[query.get("mount", [None])[0]] += 1
            elif kind == "manifest" and method == "PUT":
                m = MANIFEST.match(path)
                self.manifest_puts[f"{m['name']}:{m['ref']}"] += 1


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    proxy: FaultProxy
    upstream = None

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Status line + headers and the body go out in separate writes: without this, Nagle's
        # algorithm and the client's delayed ACK add 40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def rst(self):
        """Closes with a TCP reset, as a crashed or overloaded server does."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass

    def forward(self, body):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        if body or self.command in ("PUT", "POST", "PATCH"):
            headers["Content-Length"] = str(len(body))
        for attempt in (1, 2):
            if self.upstream is None:
                self.upstream = http.client.HTTPConnection(self.proxy.upstream, timeout=60)
            try:
                self.upstream.request(self.command, self.path, body=body, headers=headers)
                resp = self.upstream.getresponse()
                data = resp.read()
                return resp, data
            except (OSError, http.client.HTTPException):
                self.upstream.close()
                self.upstream = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        kind, _ = classify(self.command, url.path, query)
        body = self.read_body()
        rule = self.proxy.decide(self.command, kind, url.path)
        if rule and rule.delay:
            time.sleep(rule.delay)
        if rule and rule.reset:
            self.proxy.record(self.command, kind, url.path, query, "reset")
            return self.rst()
        if rule and rule.status:
            self.proxy.record(self.command, kind, url.path, query, rule.status)
            payload = b'{"errors":[{"code":"TOOMANYREQUESTS","message":"injected fault"}]}'
            self.send_response(rule.status)
            if rule.retry_after is not None:
                self.send_header("Retry-After", str(rule.retry_after))
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            return
        try:
            resp, data = self.forward(body)
        except (OSError, http.client.HTTPException):
            self.proxy.record(self.command, kind, url.path, query, "upstream down")
            return self.rst()
        self.proxy.record(self.command, kind, url.path, query, resp.status)
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP and k.lower() != "content-length":
                self.send_header(k, v)
        if self.command == "HEAD":
            length = resp.getheader("Content-Length")
            if length is not None:
                self.send_header("Content-Length", length)
        else:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any
