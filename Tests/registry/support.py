"""Helpers for the live image-copy tests: a tiny registry API client for assertions, the
ContainerImagePrepare environments, and a runner for the copier (CLI face and module protocol)."""
import base64
import hashlib
import json
import os
import pathlib
import re
import ssl
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import yaml

import registries

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = registries.netloc("src")
MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.index.v1+json",
)
LIST_TYPES = MANIFEST_TYPES[2:]


def services():
    """The fixture set's service names (scripts/fixtures/registry-images.sh --list)."""
    out = subprocess.run([str(ROOT / "scripts/fixtures/registry-images.sh"), "--list"], check=True,
                         capture_output=True, text=True)
    return out.stdout.split()


def rdo_version(service):
    """The fixture's rdo_version label (and tag) of a service's image."""
    return "c0ffee18_" + hashlib.sha256(service.encode()).hexdigest()[:8]


class RegistryAPI:
    """Reads a registry for assertions: manifests, blobs, catalog. Basic or bearer auth as needed."""

    def __init__(self, name_or_netloc, scheme="http", user=None, password=None):
        self.netloc = registries.netloc(name_or_netloc) if name_or_netloc in registries.PORTS else name_or_netloc
        self.scheme, self.user, self.password = scheme, user, password
        self.context = ssl.create_default_context(cafile=str(registries.ca_file())) if scheme == "https" else None
        self.tokens = {}

    @classmethod
    def named(cls, name):
        if name == "tls":
            s = registries.secret()["tls"]
            return cls("tls", "https", s["user"], s["password"])
        if name == "tok":
            s = registries.secret()["tok"]
            return cls("tok", "http", s["user"], s["password"])
        return cls(name)

    def _token(self, challenge):
        params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
        key = params.get("scope", "")
        if key not in self.tokens:
            query = urllib.parse.urlencode({k: v for k, v in params.items() if k in ("service", "scope")})
            req = urllib.request.Request(params["realm"] + "?" + query)
            req.add_header("Authorization", self._basic())
            with urllib.request.urlopen(req, timeout=10) as r:
                self.tokens[key] = json.load(r)["token"]
        return "Bearer " + self.tokens[key]

    def _basic(self):
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()

    def request(self, method, path, headers=None):
        """(status, headers, body bytes); 4xx/5xx are returned, not raised."""
        url = f"{self.scheme}://{self.netloc}{path}"
        auth = self._basic() if self.user and self.scheme == "https" else None
        for _ in range(3):
            req = urllib.request.Request(url, method=method, headers=dict(headers or {}))
            if auth:
                req.add_header("Authorization", auth)
            try:
                with urllib.request.urlopen(req, timeout=10, context=self.context) as r:
                    return r.status, r.headers, r.read()
            except urllib.error.HTTPError as e:
                challenge = e.headers.get("WWW-Authenticate", "")
                if e.code == 401 and challenge.startswith("Bearer") and self.user:
                    self.tokens.pop(dict(re.findall(r'(\w+)="([^"]*)"', challenge)).get("scope", ""), None)
                    auth = self._token(challenge)
                    continue
                return e.code, e.headers, e.read()
        return 401, {}, b""

    def manifest(self, repo, ref):
        """(digest, media type, parsed manifest) or None when absent."""
        status, headers, body = self.request("GET", f"/v2/{repo}/manifests/{ref}",
                                             {"Accept": ", ".join(MANIFEST_TYPES)})
        if status == 404:
            return None
        assert status == 200, f"GET manifest {repo}:{ref} on {self.netloc}: HTTP {status} {body[:200]!r}"
        return headers["Docker-Content-Digest"], headers["Content-Type"], json.loads(body)

    def has_blob(self, repo, digest):
        status, _, _ = self.request("HEAD", f"/v2/{repo}/blobs/{digest}")
        return status == 200

    def blobs(self, repo, ref):
        """Every blob (config + layers) an image needs, through manifest lists too."""
        found = self.manifest(repo, ref)
        assert found, f"{repo}:{ref} missing on {self.netloc}"
        _, media_type, manifest = found
        if media_type in LIST_TYPES:
            out = set()
            for child in manifest["manifests"]:
                out |= self.blobs(repo, child["digest"])
            return out
        return {manifest["config"]["digest"]} | {layer["digest"] for layer in manifest["layers"]}

    def catalog(self):
        status, _, body = self.request("GET", "/v2/_catalog?n=1000")
        assert status == 200, f"catalog on {self.netloc}: HTTP {status}"
        return json.loads(body)["repositories"] or []

    def tags(self, repo):
        status, _, body = self.request("GET", f"/v2/{repo}/tags/list")
        return (json.loads(body).get("tags") or []) if status == 200 else []

    def partial_images(self):
        """['repo:tag: missing blobs'] for every tag whose manifest names a blob the registry lacks."""
        bad = []
        for repo in self.catalog():
            for tag in self.tags(repo):
                found = self.manifest(repo, tag)
                if not found:
                    continue
                missing = [d for d in self.blobs(repo, tag) if not self.has_blob(repo, d)]
                if missing:
                    bad.append(f"{repo}:{tag}: missing {missing}")
        return bad


def assert_same_image(src, src_repo, src_ref, dst, dst_repo, dst_ref):
    """Same manifest digest and media type; every blob present at the destination."""
    s, d = src.manifest(src_repo, src_ref), dst.manifest(dst_repo, dst_ref)
    assert d, f"{dst_repo}:{dst_ref} missing on {dst.netloc}"
    assert (d[0], d[1]) == (s[0], s[1]), f"{dst_repo}:{dst_ref}: {d[:2]} != source {s[:2]}"
    blobs = src.blobs(src_repo, src_ref)
    assert blobs == dst.blobs(dst_repo, dst_ref)
    missing = [b for b in blobs if not dst.has_blob(dst_repo, b)]
    assert not missing, f"{dst_repo}:{dst_ref}: blobs missing at the destination: {missing}"
    return blobs


def entry(svcs, push_destination, namespace=f"{SRC}/tripleomaster", tag="current-tripleo", tag_from_label=None,
          **extra):
    """One ContainerImagePrepare entry copying exactly these services' images."""
    item = {
        "push_destination": push_destination,
        "set": {"namespace": namespace, "name_prefix": "openstack-", "name_suffix": "", "neutron_driver": "ovn"},
        "includes": [f"/openstack-{re.escape(s)}:" for s in svcs],
    }
    if tag is not None:
        item["set"]["tag"] = tag
    if tag_from_label is not None:
        item["tag_from_label"] = tag_from_label
    item.update(extra)
    return item


def environment(*entries, credentials=None, **params):
    env = {"ContainerImagePrepare": list(entries)}
    if credentials:
        env["ContainerImageRegistryCredentials"] = credentials
    env.update(params)
    return {"parameter_defaults": env}


class Run:
    def __init__(self, proc, result, log_text="", output_text=""):
        self.rc, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr
        self.result, self.log_text, self.output_text = result, log_text, output_text

    def everything(self):
        """Every byte the run produced: stdout, stderr, log file, output env file, result."""
        return "\n".join([self.stdout, self.stderr, self.log_text, self.output_text, json.dumps(self.result)])

    def copies(self, status=None):
        return [c for c in self.result.get("copies", []) if status is None or c["status"] == status]

    def __repr__(self):
        return f"rc={self.rc}\nstderr:\n{self.stderr[-3000:]}\nresult: {json.dumps(self.result)[:3000]}"


class Copier:
    """Runs overcloud-deploy's container_image_prepare: the CLI face (`--json`) or the module protocol."""

    def __init__(self, binary, workdir):
        self.binary, self.workdir = str(binary), pathlib.Path(workdir)
        self.n = 0

    def _files(self):
        self.n += 1
        d = self.workdir / f"run{self.n}"
        d.mkdir(parents=True, exist_ok=True)
        return d

    def cli(self, env, *flags, insecure=(SRC, registries.netloc("dst")), timeout=300, popen=False):
        d = self._files()
        # One output file for every run of a test: a rerun that writes the same content changes nothing.
        env_file, log_file, out_file = d / "env.yaml", d / "copy.log", self.workdir / "images.yaml"
        env_file.write_text(yaml.safe_dump(env))
        cmd = [self.binary, "container_image_prepare", "prepare", "-e", str(env_file), "--json",
               "--log-file", str(log_file), "--output-env-file", str(out_file), *flags]
        for host in insecure:
            cmd += ["--insecure-registry", host]
        if popen:
            return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), d
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return self.finish(proc, d)

    def finish(self, proc, d):
        try:
            result = json.loads(proc.stdout)
        except ValueError:
            result = {}
        read = lambda p: p.read_text(errors="replace") if p.exists() else ""
        return Run(proc, result, read(d / "copy.log"), read(self.workdir / "images.yaml"))

    def module(self, args, timeout=300):
        """The binary-module protocol with the arguments on stdin (the fast path's form)."""
        d = self._files()
        args = dict(args)
        args.setdefault("log_file", str(d / "copy.log"))
        args.setdefault("_ansible_module_name", "container_image_prepare")
        proc = subprocess.run([self.binary, "container_image_prepare", "-"], input=json.dumps(args),
                              capture_output=True, text=True, timeout=timeout)
        return self.finish(proc, d)


def deploy_binary():
    return pathlib.Path(os.environ.get("OC_DEPLOY_BINARY", ROOT / ".build-release/release/overcloud-deploy"))
