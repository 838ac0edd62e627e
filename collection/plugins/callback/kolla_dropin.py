# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Callback ``overcloud.containers.kolla_dropin``: see DOCUMENTATION and ``plugin_utils/kolla_dropin.py``."""

from __future__ import annotations

DOCUMENTATION = r"""
name: kolla_dropin
type: aggregate
short_description: Runs Kolla-Ansible's container and config tasks on this collection's modules
description:
  - Enabled in a Kolla-Ansible deployment, Kolla's own roles run their C(kolla_container),
    C(kolla_docker), C(kolla_container_facts), C(merge_configs) and C(merge_yaml) tasks on this
    collection's modules, through its fast path (the binary cached on each target, one remote
    command per task). No file of Kolla-Ansible is edited; removing the setting turns it off.
  - Ansible searches a playbook's adjacent C(library/) and C(action_plugins/) folders (Kolla-Ansible
    ships its modules there) before C(ANSIBLE_LIBRARY) and C(ANSIBLE_ACTION_PLUGINS), so those settings
    alone cannot override Kolla's modules. This callback puts the collection's
    C(kolla_dropin/action_plugins) folder first instead; the action plugins there name this
    collection's modules explicitly.
  - It prints nothing. Every other short name (C(kolla_toolbox), Ansible's own modules) resolves as before.
requirements:
  - enable in configuration, in addition to the callbacks already enabled
    (C(callbacks_enabled = overcloud.containers.kolla_dropin) in C(ansible.cfg), or
    C(ANSIBLE_CALLBACKS_ENABLED=overcloud.containers.kolla_dropin))
author:
  - overcloud.containers maintainers (@overcloud-containers)
"""

from ansible.plugins.callback import CallbackBase
from ansible.plugins.loader import action_loader
from ansible.utils.display import Display

from ansible_collections.overcloud.containers.plugins.plugin_utils.kolla_dropin import ACTION_DIR, put_first

display = Display()


class CallbackModule(CallbackBase):
    """Puts the drop-in's action plugins first when loaded (after the playbooks) and at each play."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'overcloud.containers.kolla_dropin'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super(CallbackModule, self).__init__(display=display)
        self._warned = False
        self._install()

    def _install(self) -> None:
        if not put_first(action_loader, ACTION_DIR) and not self._warned:
            self._warned = True
            self._display.warning('overcloud.containers.kolla_dropin: this ansible-core keeps no list of adjacent plugin '
                                  'folders; Kolla-Ansible\'s own modules run')

    def v2_playbook_on_start(self, playbook):
        self._install()

    def v2_playbook_on_play_start(self, play):
        self._install()
