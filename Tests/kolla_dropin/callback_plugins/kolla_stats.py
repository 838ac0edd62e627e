# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Test/bench callback: one JSON line per task (name, action, items, changed, seconds, busy) to $KOLLA_STATS_FILE.

``seconds``: from the task's start to the next task's start (or the end of the run), so it includes what Ansible
does between them (the last task of a play carries the start of the next plays: Kolla's site.yml has dozens).
``busy``: from the task's start to its last result (the task's own work: templating, the worker, the module).
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: kolla_stats
type: aggregate
short_description: per-task changed counts and wall times as JSON lines
description: [writes one JSON line per task to $KOLLA_STATS_FILE (appended)]
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'kolla_stats'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super().__init__(display=display)
        self.out = os.environ.get('KOLLA_STATS_FILE')
        self.task = None

    def _flush(self):
        if self.task and self.out:
            t0 = self.task.pop('_t0')
            self.task['seconds'] = round(time.monotonic() - t0, 4)
            self.task['busy'] = round(self.task.pop('_t1', t0) - t0, 4)
            with open(self.out, 'a') as handle:
                handle.write(json.dumps(self.task) + '\n')
        self.task = None

    def _start(self, task, handler=False):
        self._flush()
        self.task = {'task': task.get_name(), 'action': task.action, 'handler': handler,
                     'items': 0, 'changed': 0, 'failed': 0, 'skipped': 0, '_t0': time.monotonic()}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._start(task)

    def v2_playbook_on_handler_task_start(self, task):
        self._start(task, handler=True)

    def _result(self, result, kind):
        if not self.task:
            return
        self.task['_t1'] = time.monotonic()
        res = result._result
        if 'results' in res and isinstance(res['results'], list):
            return  # the per-item callbacks counted them
        self.task['items'] += 1
        if kind == 'ok' and res.get('changed'):
            self.task['changed'] += 1
        elif kind in ('failed', 'skipped'):
            self.task[kind] += 1

    def _item(self, result, kind):
        if not self.task:
            return
        self.task['_t1'] = time.monotonic()
        self.task['items'] += 1
        if kind == 'ok' and result._result.get('changed'):
            self.task['changed'] += 1
        elif kind in ('failed', 'skipped'):
            self.task[kind] += 1

    def v2_runner_on_ok(self, result):
        self._result(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._result(result, 'skipped')

    def v2_runner_item_on_ok(self, result):
        self._item(result, 'ok')

    def v2_runner_item_on_failed(self, result):
        self._item(result, 'failed')

    def v2_runner_item_on_skipped(self, result):
        self._item(result, 'skipped')

    def v2_playbook_on_stats(self, stats):
        self._flush()
