# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""The Kolla-Ansible drop-in: Kolla's short module names served by this collection, fast path included.

Kolla-Ansible calls ``kolla_container``, ``kolla_container_facts``, ``merge_configs`` and ``merge_yaml``
by their short names, found in its playbook-adjacent ``library/`` and ``action_plugins/``. Ansible
searches those adjacent folders before ``ANSIBLE_LIBRARY`` / ``ANSIBLE_ACTION_PLUGINS``, so no path
setting alone can override them. The callback ``overcloud.containers.kolla_dropin`` puts
``kolla_dropin/action_plugins`` of this collection (``ACTION_DIR``) ahead of every other action
folder; the action plugins there name our modules explicitly (``DropInAction.MODULE``), so which file
the module loader would find for the short name no longer matters.
"""

from __future__ import annotations

import os

from ansible_collections.overcloud.containers.plugins.action.fast_path import ActionModule as FastPathModule

ACTION_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'kolla_dropin', 'action_plugins')
"""The drop-in's action plugins: one file per Kolla short name."""


def put_first(loader, path: str) -> bool:
    """Make ``path`` the first folder ``loader`` searches for short (``ansible.legacy``) names.

    Adjacent folders live in the loader's ``_extra_dirs`` (searched first, in order); moving ours to
    the front and clearing the loader's caches is all it takes. Returns False when this ansible-core
    has no such list (then nothing is changed and Kolla's own plugins keep running).
    """
    dirs = getattr(loader, '_extra_dirs', None)
    clear = getattr(loader, '_clear_caches', None)
    if not isinstance(dirs, list) or not callable(clear):
        return False
    path = os.path.realpath(path)
    if dirs[:1] != [path]:
        if path in dirs:
            dirs.remove(path)
        dirs.insert(0, path)
        clear()
    return True


class DropInAction(FastPathModule):
    """A Kolla short name that runs ``MODULE`` of this collection (through the fast path)."""

    MODULE = ''
    """FQCN of the module run for the short name."""

    def _execute_module(self, module_name=None, *args, **kwargs):
        return super(DropInAction, self)._execute_module(module_name or self.MODULE, *args, **kwargs)


class KollaContainerAction(DropInAction):
    """``kolla_container`` (Kolla-Ansible >= 2023.2) and ``kolla_docker`` (before)."""

    MODULE = 'overcloud.containers.kolla_docker'


class ContainerFactsAction(DropInAction):
    """``kolla_container_facts``."""

    MODULE = 'overcloud.containers.kolla_container_facts'
