# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Action plugin for ``overcloud.containers.service_config``: renders each file's text on the controller.

Docs: ``plugins/modules/service_config.yml``. Per entry of ``files``: ``src`` (a template, rendered as
``ansible.builtin.template`` does) becomes ``content``; ``ini_sources`` (rendered and skipped when missing, as
``merge_configs`` does: ``plugins/plugin_utils/merge_action.py``) become the first ``ini`` texts. The node module
then merges, compares and writes everything in one remote command (the fast path).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.utils.vars import merge_hash

from ansible_collections.overcloud.containers.plugins.plugin_utils.merge_action import (
    MergeAction, SourceError, normalize_contents, normalize_sources, render_template, type_name)

_INI_ERROR = re.compile(r'^(files\[(\d+)\] \([^)]*\): )ini\[(\d+)\]: ')
_OPTION_NAMES = re.compile(r'^(sources|contents)\b')
_RENAMED = {'sources': 'ini_sources', 'contents': 'ini'}


class ActionModule(MergeAction):
    """Render ``src`` and ``ini_sources`` of every file, then run the node module once."""

    MODULE = 'overcloud.containers.service_config'

    def run(self, tmp=None, task_vars=None):
        result = super(MergeAction, self).run(tmp, task_vars)  # ActionBase.run: MergeAction.run is merge_configs' own
        del tmp  # unused since ansible-core 2.5
        task_vars = task_vars or {}

        module_args = dict(self._task.args)
        try:
            files = module_args.get('files') or []
            if not isinstance(files, list):
                raise SourceError('files: expected a list of dictionaries, got %s' % type_name(files))
            prepared, source_paths = [], []
            for index, entry in enumerate(files):
                entry, paths = self._prepare(index, entry, task_vars)
                prepared.append(entry)
                source_paths.append(paths)
            module_args['files'] = prepared
        except SourceError as exc:
            result.update(failed=True, msg=to_text(exc))
            return result

        module_result = self._execute_module(module_name=self.MODULE, module_args=module_args, task_vars=task_vars)
        if module_result.get('failed') and isinstance(module_result.get('msg'), str):
            module_result['msg'] = self._name_the_source(module_result['msg'], source_paths)
        result = merge_hash(result, module_result)
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _prepare(self, index: int, entry: object, task_vars: Mapping) -> tuple[dict, list[str]]:
        """The entry as the node module takes it, and the source paths its ``ini`` texts came from."""
        label = 'files[%d]' % index
        if not isinstance(entry, Mapping):
            raise SourceError('%s: expected a dictionary, got %s' % (label, type_name(entry)))
        entry = dict(entry)
        src = entry.pop('src', None)
        ini_sources = entry.pop('ini_sources', None)
        given = [name for name, value in (('src', src), ('ini_sources', ini_sources), ('content', entry.get('content')),
                                          ('ini', entry.get('ini'))) if value is not None]
        if len(given) > 1 and set(given) != {'ini_sources', 'ini'}:
            raise SourceError('%s: %s are mutually exclusive (ini_sources and ini go together)' % (label, ', '.join(given)))
        label = '%s (%s)' % (label, entry.get('dest'))
        if src is not None:
            entry['content'] = self._render_src(label, src, task_vars)
            return entry, []
        if ini_sources is None:
            return entry, []
        try:
            paths = normalize_sources(ini_sources)
            rendered = [(path, self._read_source(path, None)) for path in paths]
            extra = normalize_contents(entry.get('ini'))
        except SourceError as exc:
            # merge_action names merge_configs' options; here they are ini_sources and ini.
            raise SourceError('%s: %s' % (label, _OPTION_NAMES.sub(lambda m: _RENAMED[m.group(1)], to_text(exc)))) from None
        rendered = [(path, text) for path, text in rendered if text is not None]
        entry['ini'] = [text for _path, text in rendered] + extra
        return entry, [path for path, _text in rendered]

    def _render_src(self, label: str, src: object, task_vars: Mapping) -> str:
        """``src`` rendered as ``ansible.builtin.template`` renders it (without its ``template_*`` variables)."""
        if not isinstance(src, str) or not src:
            raise SourceError('%s: src: expected a path, got %s' % (label, type_name(src)))
        try:
            path = self._find_needle('templates', src)
            text = self._loader.get_text_file_contents(path) if hasattr(self._loader, 'get_text_file_contents') else _read_text(path)
        except (AnsibleError, OSError, UnicodeDecodeError) as exc:
            raise SourceError('%s: src: cannot read %s: %s' % (label, src, to_text(exc))) from None
        searchpath = list(task_vars.get('ansible_search_path', [])) + [self._loader.get_basedir(), os.path.dirname(path)]
        searchpath = [candidate for folder in searchpath for candidate in (os.path.join(folder, 'templates'), folder)]
        try:
            return render_template(self._templar, text, searchpath, None, kolla=False)
        except AnsibleError as exc:
            raise SourceError('%s: src: cannot render %s: %s' % (label, path, to_text(exc))) from None

    @staticmethod
    def _name_the_source(msg: str, source_paths: list[list[str]]) -> str:
        """Point a node error about ``files[i] (dest): ini[j]`` at the ``ini_sources`` file it came from."""
        match = _INI_ERROR.match(msg)
        if not match:
            return msg
        index, text_index = int(match.group(2)), int(match.group(3))
        paths = source_paths[index] if index < len(source_paths) else []
        rest = msg[match.end():]
        if text_index < len(paths):
            return '%sini_sources: %s: %s' % (match.group(1), paths[text_index], rest)
        return '%sini[%d]: %s' % (match.group(1), text_index - len(paths), rest)


def _read_text(path: str) -> str:
    with open(path, 'rb') as handle:
        return handle.read().decode('utf-8')
