# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Action plugin for ``overcloud.containers.merge_configs``: renders sources on the controller.

Docs: ``plugins/modules/merge_configs.yml``. Shared logic: ``plugins/plugin_utils/merge_action.py``.
"""

from __future__ import annotations

from ansible_collections.overcloud.containers.plugins.plugin_utils.merge_action import MergeAction


class ActionModule(MergeAction):
    """Kolla-compatible ``merge_configs``: templated INI sources merged by the node module."""

    MODULE = 'overcloud.containers.merge_configs'
