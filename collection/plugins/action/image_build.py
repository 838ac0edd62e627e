# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Action plugin for ``overcloud.containers.image_build``: renders the image tree on the controller.

Docs: ``plugins/modules/image_build.yml``. The renderer is ``plugins/plugin_utils/image_templates.py``
(kolla-build's template half, Jinja2 as Ansible already has it); the deploy binary's ``image_build``
module builds the rendered plan. The rendered tree is read where the module runs, so the task must run
on the controller (``delegate_to: localhost`` or ``connection: local``); ``docker_host`` may still
point at another engine.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from ansible.module_utils.common.text.converters import to_text
from ansible.utils.vars import merge_hash

from ansible_collections.overcloud.containers.plugins.plugin_utils.fast_path import FastPathAction
from ansible_collections.overcloud.containers.plugins.plugin_utils.image_templates import (
    TemplateTreeError, render_tree, write_plan)

MODULE = 'overcloud.containers.image_build'
# Options this plugin consumes (documented in the sidecar; they never reach the binary).
RENDER_OPTIONS = ('tree', 'docker_dirs', 'template_overrides', 'images', 'profiles', 'tag', 'namespace', 'registry',
                  'image_prefix', 'build_vars', 'work_dir')


def as_list(value, name):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise TemplateTreeError('%s: expected a list' % name)
    return [to_text(item) for item in value]


class ActionModule(FastPathAction):
    """Render ``tree`` into a plan, then run the ``image_build`` module on it."""

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # unused since ansible-core 2.5
        module_args = dict(self._task.args)
        render = {name: module_args.pop(name, None) for name in RENDER_OPTIONS}
        if self._connection.transport not in ('local',) and module_args.get('plan') is None:
            result.update(failed=True, msg='image_build renders on the controller and reads the rendered tree where it runs: '
                                           'run the task with delegate_to: localhost (docker_host may name another engine)')
            return result
        work_dir = render['work_dir']
        made_work_dir = False
        try:
            if module_args.get('plan') is None:
                if not render['tree']:
                    raise TemplateTreeError('tree: required (the image tree to render), or plan: an already rendered plan')
                if not work_dir:
                    work_dir = tempfile.mkdtemp(prefix='overcloud-build-')
                    made_work_dir = True
                variables = dict(render['build_vars'] or {})
                for key in ('tag', 'namespace', 'registry', 'image_prefix'):
                    if render[key] is not None:
                        variables[key] = to_text(render[key])
                plan = render_tree([to_text(render['tree'])] + as_list(render['docker_dirs'], 'docker_dirs'), work_dir,
                                   as_list(render['template_overrides'], 'template_overrides'),
                                   as_list(render['images'], 'images'), as_list(render['profiles'], 'profiles'), variables)
                module_args['plan'] = write_plan(plan, os.path.join(work_dir, 'plan.json'))
        except (TemplateTreeError, OSError) as exc:
            result.update(failed=True, msg='image_build: %s' % to_text(exc))
            self._cleanup(made_work_dir, work_dir)
            return result
        module_result = self._execute_module(module_name=MODULE, module_args=module_args, task_vars=task_vars)
        result = merge_hash(result, module_result)
        self._cleanup(made_work_dir, work_dir)
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    @staticmethod
    def _cleanup(made: bool, work_dir):
        if made and work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)
