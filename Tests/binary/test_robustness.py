"""Malformed args files through every module binary: each run must print one JSON object with
failed: true, exit 1, and finish quickly. No trap, no hang, no partial file."""
import json
import pathlib
import random
import subprocess

import pytest

SECRET = "s3cr3t-do-not-print"


def corpus(tmp: pathlib.Path):
    """(name, bytes) pairs, every one of which must make any module fail cleanly."""
    cases = []

    def add(name, data):
        cases.append((name, data if isinstance(data, bytes) else data.encode()))

    good = {"dest": str(tmp / "nodir" / "out.conf"), "sources": [], "contents": ["[a]\nk = v\n"]}
    text = json.dumps(good)
    # Not JSON at all.
    for i, junk in enumerate(["", " ", "not json", "{", "}", "[", "nul", "tru", "'single'", "{a: 1}", "\x00", "\ufeff{}",
                              "{\"a\":1}}", "1 2", "[1,]", "{\"a\":1,}", "--", "\"\\u12\"", "\"\\x41\"", "0x10"]):
        add(f"junk-{i}", junk)
    # Truncations of a valid document at every byte.
    for cut in range(1, len(text) - 1):
        add(f"truncated-{cut}", text[:cut])
    # Valid JSON of the wrong shape.
    for i, v in enumerate([None, 1, 1.5, "x", True, [], [good], "{}"]):
        add(f"shape-{i}", json.dumps(v))
    # Invalid UTF-8 in keys and values.
    for i, b in enumerate([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80"]):
        add(f"utf8-value-{i}", b'{"dest": "/tmp/x' + b + b'"}')
        add(f"utf8-key-{i}", b'{"de' + b + b'st": "/tmp/x"}')
    # Deep nesting and huge inputs.
    for depth in (600, 5000, 200000):
        add(f"deep-array-{depth}", "[" * depth + "]" * depth)
        add(f"deep-object-{depth}", '{"a":' * depth + "1" + "}" * depth)
        add(f"deep-unclosed-{depth}", "[" * depth)
    add("huge-unknown-key", json.dumps({**good, "k" * 100000: 1}))
    add("huge-bad-dest-type", json.dumps({"dest": ["x" * 2_000_000]}))
    add("many-keys", json.dumps({f"k{i}": i for i in range(20000)}))
    # Wrong types and missing/unknown options (valid JSON, invalid arguments).
    bad_values = [None, 1, -1, 1.5, True, [], {}, [1], [[]], {"a": 1}, "maybe", ["x", {}]]
    # (`dest` is a str option: Ansible converts any value to text, so only its absence is an error.)
    add("dest-null", json.dumps({"dest": None}))
    for opt in ("sources", "contents", "whitespace", "extend_lists", "yaml_width", "backup", "mode", "owner", "group"):
        for i, v in enumerate(bad_values):
            args = {"dest": str(tmp / "nodir" / "out"), opt: v}
            add(f"type-{opt}-{i}", json.dumps(args))
    add("missing-dest", json.dumps({"sources": []}))
    add("unknown-option", json.dumps({**good, "bogus": 1}))
    add("secret-in-bad-arg", json.dumps({"dest": str(tmp / "nodir" / "x"), "contents": [SECRET], "owner": SECRET}))
    # Random byte mutations of valid documents.
    rng = random.Random(1234)
    base = text.encode()
    for i in range(120):
        data = bytearray(base)
        for _ in range(rng.randint(1, 6)):
            pos = rng.randrange(len(data))
            op = rng.randrange(3)
            if op == 0:
                data[pos] = rng.randrange(256)
            elif op == 1:
                del data[pos]
            else:
                data.insert(pos, rng.randrange(256))
        add(f"mutated-{i}", bytes(data))
    return cases


def run(link, args_path):
    """Runs one module in the args file's folder, so a relative dest could only land there."""
    return subprocess.run([str(link), str(args_path)], capture_output=True, timeout=20, cwd=args_path.parent)


def test_corpus_is_large_enough(tmp_path):
    assert len(corpus(tmp_path)) >= 300


@pytest.mark.parametrize("module", ["merge_configs", "merge_yaml"])
def test_malformed_args_fail_cleanly(module, module_links, tmp_path):
    link = module_links[module]
    outcomes = {"failed": 0, "ok": 0}
    for name, data in corpus(tmp_path):
        args = tmp_path / "args"
        args.write_bytes(data)
        proc = run(link, args)
        assert proc.returncode in (0, 1), f"{name}: exit {proc.returncode}, stderr {proc.stderr[-500:]!r}"
        stdout = proc.stdout.decode("utf-8")
        result = json.loads(stdout)  # exactly one JSON object, nothing else
        assert isinstance(result, dict), name
        assert stdout.count("\n") == 1, name
        assert SECRET not in stdout, f"{name}: secret leaked"
        if result.get("failed"):
            outcomes["failed"] += 1
            assert proc.returncode == 1, name
            assert isinstance(result.get("msg"), str) and result["msg"], name
            assert result.get("changed") is False, name
        else:
            # A mutation may still be a valid document; it must then be a normal result.
            outcomes["ok"] += 1
            assert name.startswith("mutated-"), f"{name}: expected failure, got {result}"
    assert outcomes["failed"] >= 300
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("args",)]
    assert leftovers == [], f"files left behind: {leftovers}"


@pytest.mark.parametrize("module", ["merge_configs", "merge_yaml", "container_image_prepare"])
def test_args_path_problems(module, module_links, tmp_path):
    for path in (tmp_path / "missing", tmp_path):
        proc = run(module_links[module], path)
        result = json.loads(proc.stdout)
        assert result["failed"] is True and proc.returncode == 1
        assert str(path) in result["msg"]
