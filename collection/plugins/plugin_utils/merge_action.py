# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Controller half of ``merge_configs`` and ``merge_yaml``.

Kolla-Ansible's action plugins read each source on the controller, render it as a
Jinja2 template with the task's variables, merge, and hand the result to ``copy``.
Here the controller does only the first two steps; merging, writing, check mode and
diff happen in the Swift node module, which receives the rendered texts as
``contents``.

Kolla semantics kept on purpose:

* ``sources`` may be a single string; falsy, missing or unreadable paths are skipped.
* Search path: playbook basedir, ``<basedir>/templates``, the source's own folder.
* ``lstrip_blocks=True`` on top of Ansible's ``trim_blocks`` and kept trailing newline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.utils.vars import merge_hash

from ansible_collections.overcloud.containers.plugins.plugin_utils.fast_path import FastPathAction

try:  # ansible-core >= 2.19: data tagging; file text must be trusted to be templated.
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19
    trust_as_template = None


_CONTENTS_ERROR = re.compile(r'^contents\[(\d+)\]: ')


class SourceError(Exception):
    """A source or argument the controller side cannot use; the text is the task's ``msg``."""


def type_name(value: object) -> str:
    """YAML-ish name of a value's type (ansible-core 2.19+ hands over tagged subclasses)."""
    for kind, name in ((bool, 'bool'), (int, 'int'), (float, 'float'), (str, 'str'), (Mapping, 'dict'), (list, 'list'), (tuple, 'list')):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def normalize_sources(value: object) -> list[str]:
    """Return ``sources`` as a list of paths (a single string is one path; None is none)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise SourceError('sources: expected a list of paths, got %s' % type_name(value))
    for index, item in enumerate(value):
        if item is not None and not isinstance(item, str):
            raise SourceError('sources: element %d is %s, expected a path' % (index + 1, type_name(item)))
    return [item for item in value if item]


def normalize_contents(value: object) -> list[str]:
    """Return caller-supplied ``contents`` (texts merged after ``sources``) as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise SourceError('contents: expected a list of strings, got %s' % type_name(value))
    return list(value)


def render_template(templar, text: str, searchpath: list[str], variables: Mapping | None, kolla: bool = True) -> str:
    """Render ``text`` the way Kolla-Ansible 23 does: task variables, ``searchpath``, ``lstrip_blocks``.

    ``variables`` replaces the templar's variables when given (``merge_yaml``'s ``vars``). ``kolla=False``
    renders as ``ansible.builtin.template`` does instead: ``lstrip_blocks`` off, backslashes not escaped.
    """
    options = dict(lstrip_blocks=True) if kolla else dict(lstrip_blocks=False)
    extra = {} if kolla else dict(escape_backslashes=False)
    if trust_as_template is not None:
        renderer = templar.copy_with_new_env(searchpath=searchpath, available_variables=variables)
        rendered = renderer.template(trust_as_template(text), overrides=options, **extra)
    else:
        # Before 2.19 the copy shares the Jinja loader: put its search path back afterwards.
        loader = templar.environment.loader
        saved = getattr(loader, 'searchpath', None)
        try:
            renderer = templar.copy_with_new_env(searchpath=searchpath, available_variables=variables, **options)
            rendered = renderer.template(text, preserve_trailing_newlines=True, convert_data=False, **extra)
        finally:
            if saved is not None:
                loader.searchpath = saved
    # A file that is one bare expression can come back as a native value on 2.19+.
    return rendered if isinstance(rendered, str) else to_text(rendered)


def name_the_source(msg: str, paths: list[str]) -> str:
    """Point a node error about ``contents[i]`` back at the source file it was rendered from.

    The node module only sees texts; ``contents[i]`` for ``i < len(paths)`` came from ``paths[i]``,
    later indexes are the caller's own ``contents`` (renumbered from 0).
    """
    match = _CONTENTS_ERROR.match(msg)
    if not match:
        return msg
    index = int(match.group(1))
    rest = msg[match.end():]
    if index < len(paths):
        return 'sources: %s: %s' % (paths[index], rest)
    return 'contents[%d]: %s' % (index - len(paths), rest)


class MergeAction(FastPathAction):
    """Render ``sources`` on the controller, then run the node module ``MODULE`` with ``contents``.

    The module runs through the fast path (``plugin_utils/fast_path.py``) like every module of ours.
    """

    MODULE = ''
    """FQCN of the node module this action feeds."""

    ACCEPTS_VARS = False
    """Whether the task may pass ``vars`` (extra template variables, consumed here)."""

    def run(self, tmp=None, task_vars=None):
        result = super(MergeAction, self).run(tmp, task_vars)
        del tmp  # unused since ansible-core 2.5
        task_vars = task_vars or {}

        module_args = dict(self._task.args)
        try:
            sources = normalize_sources(module_args.pop('sources', None))
            variables = self._template_variables(module_args.pop('vars', None), task_vars) if self.ACCEPTS_VARS else None
            rendered = [(path, self._read_source(path, variables)) for path in sources]
            rendered = [(path, text) for path, text in rendered if text is not None]
            module_args['contents'] = [text for _path, text in rendered] + normalize_contents(module_args.pop('contents', None))
        except SourceError as exc:
            result.update(failed=True, msg=to_text(exc))
            return result

        module_result = self._execute_module(module_name=self.MODULE, module_args=module_args, task_vars=task_vars)
        invocation = module_result.get('invocation')
        if isinstance(invocation, dict) and isinstance(invocation.get('module_args'), dict):
            invocation['module_args']['sources'] = sources
        if module_result.get('failed') and isinstance(module_result.get('msg'), str):
            module_result['msg'] = name_the_source(module_result['msg'], [path for path, _text in rendered])
        result = merge_hash(result, module_result)
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _template_variables(self, extra: object, task_vars: Mapping) -> Mapping | None:
        """Task variables plus ``vars`` (which wins), or None to keep the templar's own."""
        if extra is None or extra == []:  # Kolla's default is an empty list
            return None
        if not isinstance(extra, Mapping):
            raise SourceError('vars: expected a dictionary, got %s' % type_name(extra))
        variables = dict(task_vars)
        variables.update(extra)
        return variables

    def _read_source(self, path: str, variables: Mapping | None) -> str | None:
        """The rendered text of ``path``, or None if it is missing or unreadable (skipped, like Kolla)."""
        if not os.access(path, os.R_OK):
            return None
        if os.path.isdir(path):
            raise SourceError('sources: %s is a directory' % path)
        try:
            with open(path, 'rb') as handle:
                text = handle.read().decode('utf-8')
        except UnicodeDecodeError as exc:
            raise SourceError('sources: %s is not UTF-8 text (%s)' % (path, exc.reason)) from None
        except OSError as exc:
            raise SourceError('sources: cannot read %s: %s' % (path, exc.strerror or exc)) from None

        basedir = self._loader.get_basedir()
        searchpath = [basedir, os.path.join(basedir, 'templates'), os.path.dirname(path)]
        try:
            return render_template(self._templar, text, searchpath, variables)
        except AnsibleError as exc:
            raise SourceError('sources: cannot render %s: %s' % (path, to_text(exc))) from None
