#!/usr/bin/env python3
"""Differential vectors for PythonRegex: seeded random Python patterns x names, judged by Python's re.

    python3 Tests/PythonRegexTests/tools/generate_vectors.py > Tests/PythonRegexTests/Vectors/differential.json

Each pattern is either rejected by `re.compile` (the vector keeps Python's message) or evaluated with
`re.search` against every name (the vector keeps one '0'/'1' per name). Patterns are built from the
constructs tripleo-common's includes/excludes and Kolla's exclude lists meet (literals, classes,
groups, alternation, counted repeats, anchors, escapes, inline flags, named groups, backreferences,
lookaround), plus deliberate mistakes. The same seed gives the same file (Python 3.11's `re`).
"""
import json
import random
import re
import sys
import warnings

SEED = 20261207
PATTERNS = 4000

NAMES = [
    "quay.io/tripleomastercentos9/openstack-nova-api:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-nova-compute:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-nova-conductor:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-nova-scheduler:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-glance-api:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-cinder-api:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-cinder-volume:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-neutron-server-ovn:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-barbican-keystone-listener:current-tripleo",
    "quay.io/tripleomastercentos9/openstack-keystone:current-tripleo",
    "quay.rdoproject.org/tripleomastercentos9/daemon:current-ceph",
    "192.168.24.1:8787/tripleo/centos-binary-nova-api:16.2",
    "127.0.0.1:5000/t/openstack-mariadb:latest",
    "localhost:8787/t/openstack-rabbitmq:2024-01-01",
    "docker.io/tripleo/heat-api-cfn:abc123",
    "registry.redhat.io/rhosp-rhel9/openstack-ovn-controller:17.1",
    "openstack-nova-api",
    "nova_api",
    "NOVA-API",
    "Nova-Api:Latest",
    "/var/lib/nova/instances/1",
    "/var/log/kolla/nova/nova-api.log",
    "/etc/nova/nova.conf.tmp",
    "/run/x.pid",
    "a", "", "ab", "abc", "aaa", "abab", "a-b_c.d", "x.y", "xzy", "a1b", "a12", "1234",
    "line\n", "two\nlines", "tab\there", "sp ace", "a]b", "[x]", "{1,2}", "a{2}", "^$", "back\\slash",
    "k\u00e9ystone", "\u00c9T\u00c9", "\u0661\u0662", "under_score", "UPPER", "MiXeD-123",
    "nova-compute-ironic", "ironic-nova-compute", "cinderella", "glance", "glance-api-internal",
]

WORDS = ["nova", "api", "glance", "cinder", "keystone", "compute", "conductor", "scheduler", "tripleo",
         "openstack", "current", "ovn", "ceph", "var", "lib", "log", "tmp", "pid", "a", "b", "ab", "x", "y"]
LITERALS = list("abcxyz0123-_/:.") + ["nova", "api", "-api", "openstack-", "tripleo"]
ESCAPES = [r"\d", r"\D", r"\w", r"\W", r"\s", r"\S", r"\.", r"\-", r"\/", r"\:", r"\\", r"\t", r"\n",
           r"\x61", r"\u0061", r"\0", r"\101", r"\ ", r"\#"]
BAD_ESCAPES = [r"\q", r"\x6", r"\8", r"\b", r"\B", r"\A", r"\Z"]  # errors, or anchors (then a quantifier fails)
CLASS_ITEMS = ["a", "b", "z", "0-9", "a-z", "A-Z", "_", "-", ".", "/", ":", r"\d", r"\w", r"\s", r"\S", r"\W",
               r"\]", r"\\", "^", "[", "[:alpha:]", r"\b", r"\x41", "é", "\n"]
BAD_CLASS_ITEMS = ["z-a", r"\d-z", r"\A", r"\9", "a-"]
FLAGS = ["i", "m", "s", "x", "a", "u", "L", "im", "is", "au", "t"]


def atom(rng, depth):
    roll = rng.random()
    if roll < 0.30:
        return rng.choice(LITERALS)
    if roll < 0.38:
        return rng.choice(WORDS)
    if roll < 0.46:
        return "."
    if roll < 0.56:
        return rng.choice(BAD_ESCAPES if rng.random() < 0.08 else ESCAPES)
    if roll < 0.68:
        neg = "^" if rng.random() < 0.25 else ""
        items = "".join(rng.choice(BAD_CLASS_ITEMS if rng.random() < 0.04 else CLASS_ITEMS) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.1:
            items = "]" + items
        close = "]" if rng.random() < 0.98 else ""
        return "[" + neg + items + close
    if depth < 2 and roll < 0.90:
        inner = alternation(rng, depth + 1)
        kind = rng.random()
        if kind < 0.40:
            return "(" + inner + ")"
        if kind < 0.60:
            return "(?:" + inner + ")"
        if kind < 0.68:
            return "(?P<g%d>" % rng.randint(0, 2) + inner + ")"
        if kind < 0.74:
            return "(?=" + inner + ")"
        if kind < 0.80:
            return "(?!" + inner + ")"
        if kind < 0.84:
            return "(?<=" + rng.choice(WORDS) + ")"
        if kind < 0.87:
            return "(?<!" + rng.choice(WORDS) + ")"
        if kind < 0.90:
            return "(?" + rng.choice(FLAGS) + rng.choice(["", "-i", "-x"]) + ":" + inner + ")"
        if kind < 0.93:
            return "(?>" + inner + ")"
        if kind < 0.96:
            return "(?#" + rng.choice(WORDS) + ")"
        return "(" + inner  # unbalanced on purpose
    if roll < 0.94:
        return rng.choice(["^", "$", r"\A", r"\Z", r"\b"]) + ("" if rng.random() < 0.9 else "*")
    if roll < 0.97:
        return rng.choice([r"\1", r"\2", "(?P=g0)", "(?P=g1)", "(?(1)a|b)", "(?(g0)x)", "(a)\\1", "(?P<g2>x)(?P=g2)"])
    if roll < 0.985:
        return rng.choice([")", "{", "}", "*", "+", "?", "|", "{,2}", "(?P<1>a)", "(?<n>a)", "(?z)"])
    return rng.choice(LITERALS)


def quantifier(rng):
    roll = rng.random()
    if roll < 0.60:
        return ""
    q = rng.choice(["*", "+", "?", "{2}", "{1,3}", "{,2}", "{2,}", "{0}", "{}", "{1,", "{x}", "{,}", "*", "+", "?"])
    if rng.random() < 0.03:
        q = "{3,1}"
    suffix = rng.choice(["", "", "", "?", "+"])
    if rng.random() < 0.02:
        suffix += rng.choice(["*", "+", "?", "{2}"])
    return q + suffix


def sequence(rng, depth):
    parts = []
    for _ in range(rng.randint(1, 4)):
        item = atom(rng, depth)
        # Unbounded repeats of groups only at the top: nested ones backtrack exponentially in Python.
        q = quantifier(rng)
        if item.startswith("(") and depth > 0 and q[:1] in ("*", "+", "{"):
            q = "?"
        parts.append(item + q)
    return "".join(parts)


def alternation(rng, depth):
    branches = [sequence(rng, depth)]
    while rng.random() < 0.25 and len(branches) < 4:
        branches.append(sequence(rng, depth) if rng.random() < 0.9 else "")
    return "|".join(branches)


def pattern(rng):
    text = alternation(rng, 0)
    roll = rng.random()
    if roll < 0.06:
        text = "(?" + rng.choice(FLAGS) + ")" + text
    elif roll < 0.065:
        text = text + "(?i)"  # global flags not at the start
    elif roll < 0.09:
        text = "(?x) " + " ".join(text) + " # comment"
    elif roll < 0.095:
        text += "\\"
    return text


def main():
    rng = random.Random(SEED)
    seen = set()
    vectors = []
    while len(vectors) < PATTERNS:
        p = pattern(rng)
        if p in seen:
            continue
        seen.add(p)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compiled = re.compile(p)
            except (re.error, OverflowError, RecursionError) as error:
                vectors.append({"pattern": p, "error": str(error)})
                continue
        vectors.append({"pattern": p, "matches": "".join("1" if compiled.search(n) else "0" for n in NAMES)})
    json.dump({"python": sys.version.split()[0], "seed": SEED, "names": NAMES, "vectors": vectors},
              sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
