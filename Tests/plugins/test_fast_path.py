"""Unit tests of the fast path's pure helpers (collection/plugins/plugin_utils/fast_path.py) and
of its routing: every module of ours goes through the fast path."""
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import types

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLLECTION = ROOT / "collection"


def _load_fast_path():
    """Import plugin_utils/fast_path.py as ansible_collections.overcloud.containers.plugins.plugin_utils.fast_path."""
    pytest.importorskip("ansible")
    names = ["ansible_collections", "ansible_collections.overcloud", "ansible_collections.overcloud.containers",
             "ansible_collections.overcloud.containers.plugins"]
    paths = [None, None, COLLECTION, COLLECTION / "plugins"]
    for name, path in zip(names, paths):
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = [str(path)] if path else []
            sys.modules[name] = module
    import importlib.util
    spec = importlib.util.spec_from_file_location("oc_fast_path", COLLECTION / "plugins/plugin_utils/fast_path.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fp = _load_fast_path()
DIGEST = "a" * 64


@pytest.mark.parametrize("value, word", [
    ("~/.ansible/overcloud_containers/bin", "~/.ansible/overcloud_containers/bin"),
    ("~/a b/c", "~/'a b/c'"),
    ("~", "~"),
    ("~/", "~"),
    ("~kolla/.cache/oc", "~kolla/.cache/oc"),
    ("/var/cache/oc/", "/var/cache/oc"),
    ("/", "'/'"),
    ("/x;rm -rf y", "'/x;rm -rf y'"),
])
def test_shell_dir_quotes_all_but_the_tilde(value, word):
    assert fp.shell_dir(value) == word


@pytest.mark.parametrize("value", ["", "relative/dir", "~$(id)/x", "~a;b", "$HOME/x", None, 3, "/a\nb"])
def test_shell_dir_rejects(value):
    with pytest.raises(ValueError):
        fp.shell_dir(value)


def test_shell_dir_expands_like_the_target_shell(tmp_path):
    word = fp.shell_dir("~/a b/$(touch x)")
    out = subprocess.run(["sh", "-c", "d=" + word + "; printf %s \"$d\""], capture_output=True, text=True,
                         env={"HOME": str(tmp_path)}, cwd=tmp_path, check=True).stdout
    assert out == f"{tmp_path}/a b/$(touch x)"
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("stdout, status", [
    ("OCFP:miss:/root/.ansible/x\n", ("miss", "/root/.ansible/x")),
    ("\r\nOCFP:unsafe:/a: is a symbolic link\r\n", ("unsafe", "/a: is a symbolic link")),
    ('{"changed": true, "msg": "OCFP:miss:x"}\n', None),
    ("", None),
])
def test_parse_status(stdout, status):
    assert fp.parse_status(stdout) == status


def test_load_digests_and_module_digest(tmp_path):
    (tmp_path / "plugins/modules").mkdir(parents=True)
    binary = tmp_path / "plugins/modules/merge_configs"
    binary.write_bytes(b"\x7fELF...")
    (tmp_path / "plugins/modules/merge_yaml").symlink_to("merge_configs")
    files = {"files": [
        {"name": ".", "ftype": "dir", "chksum_type": None, "chksum_sha256": None},
        {"name": "plugins/modules/merge_configs", "ftype": "file", "chksum_type": "sha256", "chksum_sha256": DIGEST},
        {"name": "plugins/modules/bad", "ftype": "file", "chksum_type": "sha256", "chksum_sha256": "xyz"},
    ]}
    (tmp_path / "FILES.json").write_text(json.dumps(files))
    digests = fp.load_digests(str(tmp_path))
    assert digests == {"plugins/modules/merge_configs": DIGEST}
    # A symlinked module name resolves to the real file's digest; files elsewhere have none.
    assert fp.module_digest(str(tmp_path / "plugins/modules/merge_yaml"), str(tmp_path), digests) == DIGEST
    assert fp.module_digest("/bin/sh", str(tmp_path), digests) is None
    assert fp.is_elf(str(binary)) and not fp.is_elf(str(tmp_path / "FILES.json"))
    assert fp.load_digests(str(tmp_path / "nowhere")) == {}


def test_build_script_refuses_odd_names():
    with pytest.raises(ValueError):
        fp.build_script("~", "not-a-digest", "merge_configs")
    with pytest.raises(ValueError):
        fp.build_script("~", DIGEST, "merge_configs; rm -rf /")


# --- the script itself, run by /bin/sh on this machine with a fake "binary" -----------------------

FAKE = b'#!/bin/sh\nprintf \'{"module": "%s", "args": %s}\\n\' "$1" "$(cat)"\n'


def run(script, home, stdin=b'{"a": 1}'):
    return subprocess.run(["sh", "-c", script], input=stdin, capture_output=True, env={"HOME": str(home), "PATH": os.environ["PATH"]}).stdout.decode()


@pytest.fixture()
def fake(tmp_path):
    digest = hashlib.sha256(FAKE).hexdigest()
    source = tmp_path / "upload"
    source.write_bytes(FAKE)
    return digest, source


def test_script_miss_install_run_and_prune(tmp_path, fake):
    digest, source = fake
    cache = tmp_path / ".ansible/oc"
    assert run(fp.build_script("~/.ansible/oc", digest, "merge_yaml"), tmp_path) == f"OCFP:miss:{cache}\n"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    for old in range(5):  # older digests to prune
        (cache / (f"{old}" * 64)).write_bytes(b"x")
        os.utime(cache / (f"{old}" * 64), (old, old))
    out = run(fp.build_script("~/.ansible/oc", digest, "merge_yaml", "LANG=C", str(source)), tmp_path)
    assert json.loads(out) == {"module": "merge_yaml", "args": {"a": 1}}
    assert oct((cache / digest).stat().st_mode & 0o777) == "0o700"
    left = sorted(p.name for p in cache.iterdir())
    assert left == sorted(["4" * 64, "3" * 64, "2" * 64, digest, digest + ".ok"])
    # Warm: the stamp matches, no hashing, the module runs.
    assert json.loads(run(fp.build_script("~/.ansible/oc", digest, "merge_configs"), tmp_path))["module"] == "merge_configs"


def test_script_mismatch_and_tamper(tmp_path, fake):
    digest, source = fake
    cache = tmp_path / "c"
    wrong = tmp_path / "wrong"
    wrong.write_bytes(b"#!/bin/sh\necho pwned\n")
    cache.mkdir(mode=0o700)
    out = run(fp.build_script(str(cache), digest, "m", source=str(wrong)), tmp_path)
    assert out.startswith("OCFP:mismatch:") and not (cache / digest).exists()
    run(fp.build_script(str(cache), digest, "m", source=str(source)), tmp_path)
    (cache / digest).write_bytes(FAKE.replace(b"module", b"pwned!"))
    assert run(fp.build_script(str(cache), digest, "m"), tmp_path) == f"OCFP:stale:{cache}\n"
    assert not (cache / digest).exists()


def test_script_refuses_unsafe_dirs_and_skips_symlinks(tmp_path, fake):
    digest, source = fake
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    assert "is a symbolic link" in run(fp.build_script(str(tmp_path / "link"), digest, "m"), tmp_path)
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    open_dir.chmod(0o777)
    assert "writable by other users" in run(fp.build_script(str(open_dir), digest, "m"), tmp_path)
    cache = tmp_path / "c"
    cache.mkdir(mode=0o700)
    decoy = tmp_path / "decoy"
    decoy.write_bytes(FAKE)
    (cache / digest).symlink_to(decoy)
    assert run(fp.build_script(str(cache), digest, "m"), tmp_path) == f"OCFP:miss:{cache}\n"
    run(fp.build_script(str(cache), digest, "m", source=str(source)), tmp_path)
    assert not (cache / digest).is_symlink() and decoy.read_bytes() == FAKE


# --- routing ----------------------------------------------------------------------------------------

def test_every_module_runs_through_the_fast_path():
    runtime = yaml.safe_load((COLLECTION / "meta/runtime.yml").read_text())
    modules = runtime["plugin_routing"]["modules"]
    for doc in sorted((COLLECTION / "plugins/modules").glob("*.yml")):
        name = doc.stem
        own = COLLECTION / "plugins/action" / f"{name}.py"
        if own.exists():
            assert "MergeAction" in own.read_text() or "FastPathAction" in own.read_text(), f"{own} does not use the fast path"
        else:
            assert modules.get(name, {}).get("action_plugin") == "overcloud.containers.fast_path", f"{name} is not routed to the fast path"
    merge = (COLLECTION / "plugins/plugin_utils/merge_action.py").read_text()
    assert "class MergeAction(FastPathAction)" in merge
