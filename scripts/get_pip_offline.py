#!/usr/bin/env python3
# Copyright: overcloud.containers maintainers
# SPDX-License-Identifier: Apache-2.0
"""Offline stand-in for ansible-test's ``get-pip-<version>.py`` bootstrap script.

ansible-test bootstraps pip into each sanity venv by downloading
``get-pip-<version>.py`` from a CI file host, which this workplace cannot reach.
It looks in ``~/.ansible/test/cache/get_pip_<version>.py`` first, so
``scripts/setup.sh`` copies this file there.  ansible-test runs it as::

    python get_pip_24_2.py --disable-pip-version-check pip==24.2 --no-setuptools --no-wheel

This stand-in installs pip from the interpreter's own ``ensurepip`` wheel, then
asks that pip for the requested packages through the normal package index.
"""
import os
import subprocess
import sys

DROPPED = ("--no-setuptools", "--no-wheel")


def main():
    requested = [arg for arg in sys.argv[1:] if arg not in DROPPED]
    env = dict(os.environ)
    # ensurepip points pip at /dev/null for its own run; never let that leak into
    # the real install, which must see the machine's pip configuration.
    if env.get("PIP_CONFIG_FILE") == os.devnull:
        del env["PIP_CONFIG_FILE"]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], env=env)
    if any(not arg.startswith("-") for arg in requested):
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *requested], env=env)


if __name__ == "__main__":
    main()
