# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Action plugin for every binary module of this collection without an action plugin of its own.

``meta/runtime.yml`` routes the modules here (``plugin_routing.modules.<name>.action_plugin``). It
is ``ansible.builtin.normal`` whose module execution goes through the fast path (a per-user binary
cache on the target, one remote command per task): ``plugins/plugin_utils/fast_path.py``.
"""

from __future__ import annotations

from ansible.utils.vars import merge_hash

from ansible_collections.overcloud.containers.plugins.plugin_utils.fast_path import FastPathAction


class ActionModule(FastPathAction):
    """``ansible.builtin.normal`` over the fast path; the module itself handles check and diff mode."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # unused since ansible-core 2.5

        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
