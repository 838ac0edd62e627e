# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""The fast path: run our Swift binary modules from a per-user cache on the target, in one command.

Ansible cannot pipeline a binary module: each task makes a remote tmp dir, uploads the whole ELF
(~9 MB) and the args file, chmods, runs and removes them (6 remote operations). Here the binary
is uploaded once per target and user, keyed by its sha256, and every later task is ONE remote
command: a short ``/bin/sh`` script that checks the cached file and ``exec``s it with the module
name, the arguments arriving on stdin (``<binary> <module> -``).

* The digest comes from the installed collection's ``FILES.json`` (no hashing on the controller:
  Ansible forks a worker per task, so nothing would stay in memory).
* Cache: ``overcloud_containers_fast_path_dir`` (default ``~/.ansible/overcloud_containers/bin``,
  ``~`` being the home of the user the module runs as, the become user included). Created with
  mode 0700; used only if it is a real directory (not a symlink), owned by that user and not
  writable by group or others. Cached files are ``<sha256>`` (mode 0700) and ``<sha256>.ok``,
  the ``stat`` stamp (mode, inode, size, mtime and ctime in ns) of the last verification: the first use of a
  file, and any use after it changed, re-checks its sha256 (a tampered file is deleted and
  uploaded again). A symlink at the binary's path is never followed: it counts as missing and
  the new file is renamed over it.
* Upload (only when missing): to ``<dir>/.<sha256>.<random>`` when the module runs as the login
  user, else to Ansible's remote tmp dir (made readable for the become user the way Ansible does
  it) and copied into the become user's cache; the copy is verified, renamed into place, and all
  but the newest four digests are pruned.
* Falls back to Ansible's plain binary-module path (same arguments, same result) for ``async``,
  ``ANSIBLE_KEEP_REMOTE_FILES``, connections without stdin pipelining or a POSIX shell, ``su``
  and tty-requiring become methods, modules not from this collection (e.g. a copy in a
  playbook's ``library/``), an unsafe cache dir, an upload that cannot be made readable for the
  become user, and ``overcloud_containers_fast_path: false``.
"""

from __future__ import annotations

import collections.abc
import inspect
import json
import os
import re
import secrets
import shlex

from ansible import constants as C
from ansible.errors import AnsibleError, AnsibleActionFail
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

try:  # ansible-core < 2.20 (later cores post-process through a UnifiedTaskResult instead)
    from ansible.vars.clean import remove_internal_keys
except ImportError:
    remove_internal_keys = None

try:  # ansible-core >= 2.19: the module argument encoder of the 'legacy' profile (binary modules)
    from ansible.module_utils.common.json import Direction, get_module_encoder
except ImportError:  # pragma: no cover - older cores send plain json.dumps
    Direction = get_module_encoder = None

display = Display()

SWITCH_VAR = 'overcloud_containers_fast_path'
"""Task variable: false runs every module of ours through Ansible's plain binary-module path."""

DIR_VAR = 'overcloud_containers_fast_path_dir'
"""Task variable: the cache directory on the target (absolute, or ``~/...`` / ``~user/...``)."""

DEFAULT_DIR = '~/.ansible/overcloud_containers/bin'
KEEP_DIGESTS = 4
"""Cached binaries kept per directory: two binaries (node, deploy) times the current and the previous version."""

MARKER = 'OCFP:'
"""Prefix of the script's own status line (a module prints JSON, never this)."""

STAT = 'set -- $(LC_ALL=C stat -c "%a %i:%s:%.9Y:%.9Z" -- "$d" "$b" 2>/dev/null)'
"""The script's stat of the cache dir and the binary, into ``$1`` to ``$4``."""

_SHA256 = re.compile(r'^[0-9a-f]{64}$')
_TILDE_USER = re.compile(r'^~[A-Za-z0-9._][A-Za-z0-9._-]*$')
_MODULE_NAME = re.compile(r'^[a-z][a-z0-9_]*$')


class FastPathUnavailable(Exception):
    """The fast path cannot run this task; the text says why (shown with -vvv or as a warning)."""

    def __init__(self, reason: str, warn: bool = False):
        super().__init__(reason)
        self.warn = warn


# --- pure helpers (unit-tested in Tests/plugins) --------------------------------------------------

def collection_root() -> str:
    """The directory of this collection (``.../ansible_collections/overcloud/containers``)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_digests(root: str) -> dict[str, str]:
    """``{relative path: sha256}`` of the regular files listed in ``<root>/FILES.json`` ({} if none)."""
    try:
        with open(os.path.join(root, 'FILES.json'), 'rb') as handle:
            files = json.load(handle).get('files', [])
    except (OSError, ValueError, AttributeError):
        return {}
    digests = {}
    for entry in files if isinstance(files, list) else []:
        if isinstance(entry, dict) and entry.get('ftype') == 'file' and entry.get('chksum_type') == 'sha256':
            digest = entry.get('chksum_sha256')
            if isinstance(digest, str) and _SHA256.match(digest):
                digests[entry.get('name')] = digest
    return digests


def module_digest(module_path: str, root: str, digests: collections.abc.Mapping[str, str]) -> str | None:
    """The sha256 of the file ``module_path`` resolves to, if it is a file of the collection at ``root``."""
    real = os.path.realpath(module_path)
    real_root = os.path.realpath(root)
    if not real.startswith(real_root + os.sep):
        return None
    return digests.get(os.path.relpath(real, real_root).replace(os.sep, '/'))


def is_elf(path: str) -> bool:
    """Whether ``path`` starts with the ELF magic (a built binary module, not a script)."""
    try:
        with open(path, 'rb') as handle:
            return handle.read(4) == b'\x7fELF'
    except OSError:
        return False


def shell_dir(value: object) -> str:
    """The cache directory as a POSIX shell word that the target's shell expands (``~`` included).

    Raises ValueError for anything but an absolute path, ``~`` or ``~/...``, ``~user`` or ``~user/...``.
    """
    if not isinstance(value, str) or not value or '\n' in value or '\0' in value:
        raise ValueError('%s must be a non-empty path' % DIR_VAR)
    head, sep, rest = value.partition('/')
    rest = rest.rstrip('/')
    if head == '':
        return shlex.quote('/' + rest) if rest else "'/'"
    if head == '~' or _TILDE_USER.match(head):
        return head + ('/' + shlex.quote(rest) if sep and rest else '')
    raise ValueError('%s must be absolute or start with ~ (got %r)' % (DIR_VAR, value))


def build_script(dir_word: str, digest: str, module: str, environment: str = '', source: str | None = None) -> str:
    """The one remote command: check (or install ``source`` into) the cache, then exec the module.

    Args arrive on stdin. Every outcome other than running the module prints one status line
    ``OCFP:<kind>:<detail>`` (kinds: ``miss`` with the expanded cache dir, ``stale`` likewise when a
    cached file failed verification, ``unsafe``, ``mismatch``, ``unreadable``) and drains stdin.
    """
    if not _SHA256.match(digest) or not _MODULE_NAME.match(module):
        raise ValueError('bad digest or module name')
    lines = [
        # No global umask: the module must run with the login umask, as on the plain path.
        'd=%s' % dir_word,
        'b="$d/%s"' % digest,
        "fp() { cat >/dev/null 2>&1; printf '%s%%s:%%s\\n' \"$1\" \"$2\"; exit 0; }" % MARKER,
        '[ -L "$d" ] && fp unsafe "$d is a symbolic link"',
        '[ -d "$d" ] || (umask 077 && mkdir -p -- "$d") 2>/dev/null || fp unsafe "cannot create $d"',
        '[ -d "$d" ] && [ -O "$d" ] || fp unsafe "$d is not a directory owned by $(id -un)"',
        # One stat for the directory and the binary (a task's only process besides sh and the module):
        # "<dir mode> <binary mode> <inode:size:mtime:ctime>"; only the directory's line when the binary is missing.
        STAT,
        'case $1 in *[2367]? | *[2367]) fp unsafe "$d is writable by other users" ;; esac',
    ]
    if source is not None:
        lines += [
            's=%s' % shlex.quote(source),
            't="$d/.%s.$$"' % digest,
            'case $s in "$d"/*) mv -f -- "$s" "$t" ;; *) cp -- "$s" "$t" 2>/dev/null || { rm -f -- "$t"; fp unreadable "$s"; } ;; esac',
            'chmod 0700 "$t" && v=$(sha256sum <"$t") && [ "${v%% *}" = ' + digest + ' ]'
            ' || { rm -f -- "$t"; fp mismatch "${v%% *}"; }',
            'rm -f -- "$b.ok" && mv -fT -- "$t" "$b" || fp unsafe "cannot install $b"',
            # Prune: keep the newest digests; drop temporary files left by interrupted uploads.
            'ls -t -- "$d" | grep -E "^[0-9a-f]{64}$" | tail -n +%d | while read -r o; do' % (KEEP_DIGESTS + 1),
            '  [ "$o" = %s ] || rm -f -- "$d/$o" "$d/$o.ok"; done' % digest,
            'find "$d" -maxdepth 1 -name ".*.*" -type f -mmin +60 -exec rm -f -- {} + 2>/dev/null',
            STAT,
        ]
    lines += [
        '[ $# = 4 ] && [ -f "$b" ] && [ ! -L "$b" ] && [ -O "$b" ] || fp miss "$d"',
        'case $3 in *[2367]? | *[2367]) rm -f -- "$b" "$b.ok"; fp stale "$d" ;; esac',
        'k=; [ -f "$b.ok" ] && [ ! -L "$b.ok" ] && read -r k <"$b.ok"',
        'if [ "$k" != "$3 $4" ]; then',
        '  v=$(sha256sum <"$b") && [ "${v%% *}" = ' + digest + ' ] || { rm -f -- "$b" "$b.ok"; fp stale "$d"; }',
        '  printf "%s\\n" "$3 $4" >"$b.ok.$$" && mv -fT -- "$b.ok.$$" "$b.ok"',
        'fi',
    ]
    if environment:
        lines.append('export %s' % environment)
    lines.append('exec "$b" %s -' % module)
    return '\n'.join(lines)


def parse_status(stdout: str) -> tuple[str, str] | None:
    """``(kind, detail)`` of the script's status line, or None when the module itself answered."""
    first = stdout.lstrip().split('\n', 1)[0].rstrip('\r')
    if not first.startswith(MARKER):
        return None
    kind, _sep, detail = first[len(MARKER):].partition(':')
    return kind, detail


# --- the action side -----------------------------------------------------------------------------

class FastPathAction(ActionBase):
    """An ``ActionBase`` whose ``_execute_module`` runs our binary modules through the fast path.

    Subclasses call ``self._execute_module(...)`` as usual; whatever the fast path cannot do goes
    to ``ActionBase._execute_module`` unchanged.
    """

    def _execute_module(self, module_name=None, module_args=None, tmp=None, task_vars=None, persist_files=False,
                        delete_remote_tmp=None, wrap_async=False, **kwargs):
        plain = dict(module_name=module_name, module_args=module_args, tmp=tmp, task_vars=task_vars, persist_files=persist_files,
                     delete_remote_tmp=delete_remote_tmp, wrap_async=wrap_async, **kwargs)
        name = module_name if module_name is not None else self._task.action
        try:
            target = self._fast_path_target(name, task_vars or {}, wrap_async)
            return self._execute_fast(name, target, module_args, task_vars or {}, **kwargs)
        except FastPathUnavailable as reason:
            (display.warning if reason.warn else display.vvv)('overcloud.containers fast path not used for %s: %s' % (name, reason))
        return super(FastPathAction, self)._execute_module(**plain)

    # -- deciding ---------------------------------------------------------------------------------

    def _fast_path_target(self, name: str, task_vars: dict, wrap_async: bool) -> tuple[str, str, str, str]:
        """``(local binary, sha256, module name for the multi-call binary, cache dir shell word)``."""
        if not boolean(self._fast_path_var(task_vars, SWITCH_VAR, True), strict=False):
            raise FastPathUnavailable('%s is false' % SWITCH_VAR)
        if wrap_async or self._task.async_val:
            raise FastPathUnavailable('async tasks use the plain path (async_wrapper)')
        if C.DEFAULT_KEEP_REMOTE_FILES:
            raise FastPathUnavailable('ANSIBLE_KEEP_REMOTE_FILES keeps the plain path and its files')
        connection = self._connection
        if not getattr(connection, 'has_pipelining', False) or getattr(connection._shell, 'SHELL_FAMILY', '') != 'sh':
            raise FastPathUnavailable('the connection cannot send stdin to a POSIX shell')
        become = connection.become
        if become and (become.name.rpartition('.')[2] == 'su' or getattr(become, 'require_tty', False)):
            raise FastPathUnavailable('become method %s needs a tty' % become.name)

        path = self._module_path(name)
        if path is None or not is_elf(path):
            raise FastPathUnavailable('not a binary module')
        root = collection_root()
        digest = module_digest(path, root, load_digests(root))
        if digest is None:
            raise FastPathUnavailable('%s is not listed in the FILES.json of %s' % (path, root))
        module = os.path.basename(path)
        if not _MODULE_NAME.match(module):
            raise FastPathUnavailable('unexpected module file name %s' % module)
        try:
            dir_word = shell_dir(self._fast_path_var(task_vars, DIR_VAR, DEFAULT_DIR))
        except ValueError as exc:
            raise AnsibleActionFail(to_text(exc)) from None
        return os.path.realpath(path), digest, module, dir_word

    def _fast_path_var(self, task_vars: dict, name: str, default: object) -> object:
        if name not in task_vars:
            return default  # a constant: templating it would cost a few ms per task for nothing
        value = task_vars[name]
        return self._templar.template(value) if isinstance(value, str) else value

    def _module_path(self, name: str) -> str | None:
        """The module file Ansible would run for ``name`` (as ``ActionBase._configure_module`` finds it)."""
        for mod_type in self._connection.module_implementation_preferences:
            found = self._shared_loader_obj.module_loader.find_plugin_with_context(name, mod_type, collection_list=self._task.collections)
            if found.resolved and found.plugin_resolved_path:
                return found.plugin_resolved_path
        return None

    # -- running ----------------------------------------------------------------------------------

    def _execute_fast(self, name: str, target: tuple[str, str, str, str], module_args, task_vars: dict, **kwargs) -> dict:
        local, digest, module, dir_word = target
        module_args = dict(self._task.args if module_args is None else module_args)
        update_kwargs = {'ignore_unknown_opts': kwargs['ignore_unknown_opts']} if 'ignore_unknown_opts' in kwargs else {}
        self._update_module_args(name, module_args, task_vars, **update_kwargs)
        if get_module_encoder is not None:
            args = to_bytes(json.dumps(module_args, cls=get_module_encoder('legacy', Direction.CONTROLLER_TO_MODULE)))
        else:  # pragma: no cover
            args = to_bytes(json.dumps(module_args))
        environment = self._compute_environment_string()

        res = self._low_level_execute_command(build_script(dir_word, digest, module, environment), sudoable=True, in_data=args)
        status = parse_status(res['stdout'])
        if status and status[0] in ('miss', 'stale'):
            if status[0] == 'stale':
                display.warning('overcloud.containers fast path: the cached %s in %s failed verification; uploading it again' % (digest, status[1]))
            source = self._upload(local, digest, status[1])
            display.vvv('overcloud.containers fast path: installing %s (%s) from %s' % (digest, module, source))
            res = self._low_level_execute_command(build_script(dir_word, digest, module, environment, source), sudoable=True, in_data=args)
            status = parse_status(res['stdout'])
        if status:
            kind, detail = status
            if kind == 'mismatch':
                raise FastPathUnavailable('%s does not match its FILES.json sha256 %s (the remote copy hashes to %s); reinstall the collection'
                                          % (local, digest, detail), warn=True)
            raise FastPathUnavailable('%s: %s' % (kind, detail), warn=(kind == 'unsafe'))
        return self._module_result(res)

    def _upload(self, local: str, digest: str, remote_dir: str) -> str:
        """Put the binary where the install step can take it from; returns that remote path."""
        if not remote_dir.startswith('/'):
            raise FastPathUnavailable('the target reported cache dir %r' % remote_dir)
        if not self._runs_as_other_user():
            remote = '%s/.%s.%s' % (remote_dir, digest, secrets.token_hex(6))
            self._transfer_file(local, remote)
            return remote
        # The module runs as the become user: stage in Ansible's remote tmp dir (removed by the
        # action's run, as for the plain path), readable for the become user as Ansible makes it.
        tmpdir = self._connection._shell.tmpdir or self._make_tmp_path()
        remote = self._connection._shell.join_path(tmpdir, 'overcloud-' + digest)
        self._transfer_file(local, remote)
        try:
            self._fixup_perms2([tmpdir, remote], execute=False)
        except AnsibleError as exc:
            raise FastPathUnavailable('the upload cannot be made readable for the become user: %s' % to_text(exc)) from None
        return remote

    def _runs_as_other_user(self) -> bool:
        """Whether ``_low_level_execute_command(sudoable=True)`` wraps the command in become."""
        if not self._connection.become:
            return False
        ruser = self._get_remote_user()
        buser = self.get_become_option('become_user')
        return bool(C.BECOME_ALLOW_SAME_USER or buser != ruser or not any((ruser, buser)))

    def _module_result(self, res: dict) -> dict:
        """The module's result, post-processed exactly as ``ActionBase._execute_module`` does it."""
        if 'profile' in inspect.signature(self._parse_returned_data).parameters:
            parsed = self._parse_returned_data(res, 'legacy')
        else:  # pragma: no cover - ansible-core < 2.19
            parsed = self._parse_returned_data(res)
        if hasattr(parsed, 'as_result_dict'):  # ansible-core >= 2.20: a UnifiedTaskResult
            if parsed.suppress_tmpdir_delete:
                self._cleanup_remote_tmp = False
            parsed.remove_internal_keys()
            return parsed.as_result_dict(for_round_trip=True)
        data = parsed
        if data.pop('_ansible_suppress_tmpdir_delete', False):
            self._cleanup_remote_tmp = False
        if 'results' in data and (not isinstance(data['results'], collections.abc.Sequence) or isinstance(data['results'], str)):
            data['ansible_module_results'] = data.pop('results')
            display.warning("Found internal 'results' key in module return, renamed to 'ansible_module_results'.")
        remove_internal_keys(data)
        for stream in ('stdout', 'stderr'):
            if stream in data and stream + '_lines' not in data:
                data[stream + '_lines'] = (data.get(stream) or '').splitlines()
        return data
