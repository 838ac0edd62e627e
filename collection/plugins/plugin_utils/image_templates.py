# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""kolla-build's template half: an image tree rendered into Dockerfiles and a build plan.

Used by the ``image_build`` action plugin (on the controller, where Ansible has Jinja2) and run by
hand as ``python3 image_templates.py --tree images ...`` (``scripts/overcloud-containers build``).
The Swift module ``image_build`` builds the plan; nothing here talks to an engine.

Mechanics follow kolla 23 (``kolla/image/kolla_worker.py``, ``kolla/template/*``):

* a folder holding ``Dockerfile.j2`` is an image named by the folder; extra trees (``docker_dirs``)
  are copied over the first one, later files win;
* each image renders in its own ``SandboxedEnvironment`` whose ``FileSystemLoader`` sits at the tree
  root (``{% import "macros.j2" as macros with context %}``); filter ``customizable``; globals
  ``debian_package_install`` and ``raise_error``;
* template overrides: the first file whole, later files without their ``extends`` lines, rendered
  with ``parent_template`` = the image's template;
* parent = the first rendered ``FROM`` matched against the canonical names;
* selection by regexes (``re.search``, OR-ed) or by named profiles; ancestors of a match are matched.

Differences on purpose (each has a test in ``Tests/plugins/test_image_templates.py``):

* an override block that no template of the tree defines is an error naming the block (kolla drops
  it silently, so a typo in a block name goes unnoticed);
* a ``FROM`` in the tree's own namespace that names no image of the tree is an error ("missing
  parent"), where kolla treats it as an external root and fails later at pull time;
* parent cycles are reported by name (kolla never queues such images and reports nothing);
* a template error fails that image (and, in the builder, skips its descendants) instead of
  aborting the whole run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import sys
import tempfile

import jinja2
import yaml
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

TEMPLATE = 'Dockerfile.j2'
RENDERED = 'Dockerfile'
SETTINGS = 'build.yml'
_FROM = re.compile(r'^FROM.*$', re.MULTILINE | re.IGNORECASE)
_EXTENDS_LINE = re.compile(r'.*\{\%.*extends.*\n')
# Keys of build.yml that are not template variables.
_SETTINGS_KEYS = ('profiles', 'users', 'tags', 'build_args')

DEFAULTS = {
    'base_distro': 'debian',
    'base_image': 'debian',
    'base_distro_tag': 'bookworm',
    'base_arch': 'x86_64',
    'debian_arch': 'amd64',
    'base_package_type': 'deb',
    'distro_package_manager': 'apt',
    'supported_distro_name': 'Debian GNU/Linux 12 (bookworm)',
    'namespace': 'overcloud',
    'image_prefix': '',
    'openstack_release': 'zed',
    'openstack_release_codename': 'Zed',
    'maintainer': 'overcloud.containers',
    'kolla_version': '23.0.0',
    'use_dumb_init': True,
    'docker_healthchecks': True,
    'clean_package_cache': True,
    'rpm_setup': [],
    'repos_yaml': {},
    'patches_path': '',
    'tag': 'latest',
    'release': '1',
}


class TemplateTreeError(Exception):
    """Bad input for the whole run (a tree, an override file, a profile); the text is the message."""


# ---------------------------------------------------------------------------------------------
# kolla/template/filters.py and methods.py


@jinja2.pass_context
def customizable(context, val_list, call_type):
    """``<image>_<list>_override`` wins, else ``_append`` then ``_remove``; keyed by the rendered image."""
    if isinstance(val_list, jinja2.Undefined):
        return val_list
    name = context['image_name'].replace('-', '_') + '_' + call_type + '_'
    if name + 'override' in context:
        return context[name + 'override']
    if name + 'append' in context:
        val_list.extend(context[name + 'append'])
    if name + 'remove' in context:
        for removal in context[name + 'remove']:
            if removal in val_list:
                val_list.remove(removal)
    return val_list


def debian_package_install(packages, clean_package_cache=True):
    """The ``apt-get`` chain kolla renders for a package list (URLs become ``curl`` + ``dpkg -i``)."""
    cmds = []
    reg_packages = [p for p in packages if not p.startswith('http')]
    url_packages = [p for p in packages if p.startswith('http')]
    if reg_packages:
        cmds.append('apt-get --error-on=any update')
        cmds.append('apt-get -y install --no-install-recommends {}'.format(' '.join(reg_packages)))
        if clean_package_cache:
            cmds.append('apt-get clean')
            cmds.append('rm -rf /var/lib/apt/lists/*')
    for url in url_packages:
        name = url[url.rfind('/') + 1:]
        cmds.extend(['curl --location {} -o {}'.format(url, name), 'dpkg -i {}'.format(name), 'rm -rf {}'.format(name)])
    return ' && '.join(cmds)


def raise_error(msg):
    """``{{ raise_error('...') }}``: fail the image's rendering with ``msg``."""
    raise jinja2.exceptions.TemplateError(msg)


def new_environment(loader) -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=loader)
    env.filters['customizable'] = customizable
    env.globals['debian_package_install'] = debian_package_install
    env.globals['raise_error'] = raise_error
    return env


# ---------------------------------------------------------------------------------------------
# Tree


def merge_trees(trees: list[str], dest: str) -> None:
    """Copy ``trees[0]`` to ``dest`` and every later tree over it (later files win)."""
    for index, tree in enumerate(trees):
        if not os.path.isdir(tree):
            raise TemplateTreeError('%s: %s is not a directory' % ('tree' if index == 0 else 'docker_dirs', tree))
        shutil.copytree(tree, dest, symlinks=True, dirs_exist_ok=True)


def discover(root: str) -> dict[str, str]:
    """Image name → folder (relative to ``root``) for every folder holding ``Dockerfile.j2``."""
    images: dict[str, str] = {}
    for path, dirs, files in os.walk(root):
        dirs.sort()
        if TEMPLATE in files:
            rel = os.path.relpath(path, root)
            if rel == '.':
                raise TemplateTreeError('tree: %s holds a Dockerfile.j2 at its root; images are folders' % root)
            name = os.path.basename(path)
            if name in images:
                raise TemplateTreeError('tree: two image folders are named %s: %s and %s' % (name, images[name], rel))
            images[name] = rel
    return images


def context_files(root: str, rel: str, image_dirs: set[str]) -> list[str]:
    """The build context's files of one image folder (relative, sorted), nested image folders left out."""
    found = []
    base = os.path.join(root, rel)
    for path, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if os.path.relpath(os.path.join(path, d), root) not in image_dirs)
        for name in sorted(files):
            sub = os.path.relpath(os.path.join(path, name), base)
            if sub not in (TEMPLATE,):
                found.append(sub)
    return sorted(found)


def load_settings(root: str) -> dict:
    path = os.path.join(root, SETTINGS)
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding='utf-8') as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateTreeError('%s: %s' % (SETTINGS, exc)) from exc
    if not isinstance(data, dict):
        raise TemplateTreeError('%s: expected a mapping' % SETTINGS)
    return data


def build_context(settings: dict, overrides: dict) -> dict:
    """Template variables: defaults < build.yml < build.yml ``tags[<tag>]`` < caller's values."""
    context = dict(DEFAULTS)
    context.update({k: v for k, v in settings.items() if k not in _SETTINGS_KEYS})
    tag = overrides.get('tag') or context.get('tag')
    per_tag = (settings.get('tags') or {}).get(str(tag)) or {}
    if not isinstance(per_tag, dict):
        raise TemplateTreeError('%s: tags.%s must be a mapping of variables' % (SETTINGS, tag))
    context.update(per_tag)
    context.update({k: v for k, v in overrides.items() if v is not None})
    context['tag'] = str(context['tag'])
    context['release'] = str(context['release'])
    release = str(context['openstack_release'])
    context.setdefault('openstack_branch', 'stable-' + release)
    context.setdefault('openstack_branch_slashed', 'stable/' + release)
    context.setdefault('version', release)
    if context.get('registry'):
        context['namespace'] = '%s/%s' % (context['registry'], context['namespace'])
    users = {}
    for name, spec in (settings.get('users') or {}).items():
        spec = dict(spec or {})
        spec.setdefault('gid', spec.get('uid'))
        spec.setdefault('group', name)
        users[name] = spec
    context['users'] = users
    context['env'] = dict(os.environ)
    return context


def canonical_name(context: dict, image: str) -> str:
    return '%s/%s%s:%s' % (context['namespace'], context['image_prefix'], image, context['tag'])


def merge_overrides(paths: list[str]) -> str | None:
    """kolla's ``_merge_overrides``: the first file whole, later files without their extends lines."""
    texts = []
    for index, path in enumerate(paths):
        try:
            with open(path, encoding='utf-8') as handle:
                text = handle.read()
        except OSError as exc:
            raise TemplateTreeError('template_override: %s: %s' % (path, exc.strerror or exc)) from exc
        texts.append(text if index == 0 else _EXTENDS_LINE.sub('', text))
    return '\n'.join(texts) if texts else None


def block_names(env: SandboxedEnvironment, source: str) -> set[str]:
    return {block.name for block in env.parse(source).find_all(nodes.Block)}


def tree_blocks(root: str) -> set[str]:
    """Every block name any ``*.j2`` file of the tree defines."""
    env = new_environment(None)
    found: set[str] = set()
    for path, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith('.j2'):
                with open(os.path.join(path, name), encoding='utf-8') as handle:
                    try:
                        found |= block_names(env, handle.read())
                    except jinja2.TemplateSyntaxError:
                        pass  # reported when that image renders
    return found


# ---------------------------------------------------------------------------------------------
# Rendering and the plan


def describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or 'template'
        return 'template syntax error in %s line %s: %s' % (where, exc.lineno, exc.message)
    if isinstance(exc, jinja2.TemplateError):
        return 'template error: %s' % (exc.message or exc)
    return '%s: %s' % (type(exc).__name__, exc)


def render_image(root: str, rel: str, name: str, context: dict, override: str | None) -> str:
    env = new_environment(jinja2.FileSystemLoader(root))
    values = dict(context, image_name=name)
    template = env.get_template(rel.replace(os.sep, '/') + '/' + TEMPLATE)
    if override is None:
        return template.render(values)
    override_env = new_environment(jinja2.DictLoader({'template_override': override}))
    return override_env.get_template('template_override').render(values, parent_template=template)


def first_from(dockerfile: str) -> str | None:
    match = _FROM.search(dockerfile)
    if not match:
        return None
    words = match.group(0).split(' ')
    return words[1] if len(words) > 1 else None


def select(names: list[str], regexes: list[str], profiles: list[str], settings: dict) -> set[str] | None:
    """Names matching the regexes (which replace profiles, as in kolla); ``None``: no filter."""
    patterns = list(regexes)
    if not patterns and profiles:
        table = settings.get('profiles') or {}
        for profile in profiles:
            entries = table.get(profile)
            if not entries:
                raise TemplateTreeError('profile %s is not defined in %s (known: %s)'
                                        % (profile, SETTINGS, ', '.join(sorted(table)) or 'none'))
            patterns.extend(str(entry) for entry in entries)
    if not patterns:
        return None
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise TemplateTreeError('image regex %r: %s' % (pattern, exc)) from exc
    return {name for name in names if any(rx.search(name) for rx in compiled)}


def order(images: dict[str, dict]) -> list[str]:
    """Parents before children, siblings by name; members of a cycle last."""
    done: list[str] = []
    placed: set[str] = set()
    pending = sorted(images)
    while pending:
        ready = [n for n in pending if images[n]['parent'] is None or images[n]['parent'] in placed]
        if not ready:
            done.extend(pending)
            break
        for name in ready:
            done.append(name)
            placed.add(name)
        pending = [n for n in pending if n not in placed]
    return done


def find_cycles(images: dict[str, dict]) -> dict[str, list[str]]:
    """Image → the cycle it belongs to (names in parent order)."""
    cycles: dict[str, list[str]] = {}
    for start in images:
        seen = [start]
        node = images[start]['parent']
        while node is not None and node in images and node not in seen:
            seen.append(node)
            node = images[node]['parent']
        if node == start:
            cycles[start] = seen + [start]
    return cycles


def render_tree(trees: list[str], work_dir: str, overrides: list[str] | None = None, regexes: list[str] | None = None,
                profiles: list[str] | None = None, variables: dict | None = None) -> dict:
    """Render every image of ``trees`` into ``work_dir/docker`` and return the plan.

    Raises ``TemplateTreeError`` for input that spoils the whole run (no tree, an unreadable or
    unknown-block override, an unknown profile); a single image's problem is its status ``failed``.
    """
    root = os.path.join(work_dir, 'docker')
    if os.path.exists(root):
        shutil.rmtree(root)
    merge_trees(trees, root)
    settings = load_settings(root)
    context = build_context(settings, dict(variables or {}))
    folders = discover(root)
    if not folders:
        raise TemplateTreeError('tree: no image folders (a folder holding %s) under %s' % (TEMPLATE, ', '.join(trees)))
    override = merge_overrides(list(overrides or []))
    if override is not None:
        env = new_environment(None)
        try:
            wanted = block_names(env, override)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateTreeError('template_override: %s' % describe(exc)) from exc
        unknown = sorted(wanted - tree_blocks(root))
        if unknown:
            raise TemplateTreeError('template_override: block %s is not defined by any template of the tree'
                                    % ', '.join(unknown))

    canon = {name: canonical_name(context, name) for name in folders}
    by_canon = {value: key for key, value in canon.items()}
    own_prefix = '%s/%s' % (context['namespace'], context['image_prefix'])
    image_dirs = set(folders.values())
    images: dict[str, dict] = {}
    for name, rel in sorted(folders.items()):
        entry = {'name': name, 'canonical': canon[name], 'folder': rel, 'context': os.path.join(root, rel),
                 'parent': None, 'from': None, 'files': [], 'status': 'matched', 'error': None}
        images[name] = entry
        try:
            text = render_image(root, rel, name, context, override)
        except Exception as exc:  # any template failure fails this image only
            entry.update(status='failed', error=describe(exc))
            continue
        with open(os.path.join(root, rel, RENDERED), 'w', encoding='utf-8') as handle:
            handle.write(text)
        reference = first_from(text)
        entry['from'] = reference
        if reference is None:
            entry.update(status='failed', error='the rendered Dockerfile has no FROM line')
        elif reference in by_canon:
            entry['parent'] = by_canon[reference]
        elif reference.startswith(own_prefix):
            entry.update(status='failed', error='missing parent: FROM %s names no image of the tree' % reference)
        entry['files'] = context_files(root, rel, image_dirs) if entry['status'] != 'failed' else []
    for name, cycle in find_cycles(images).items():
        images[name].update(status='failed', error='parent cycle: %s' % ' -> '.join(cycle))

    selected = select(sorted(images), list(regexes or []), list(profiles or []), settings)
    if selected is not None:
        matched = set()
        for name in selected:
            node, hops = name, 0
            while node is not None and node in images and node not in matched and hops <= len(images):
                matched.add(node)
                node, hops = images[node]['parent'], hops + 1
        for name, entry in images.items():
            if name not in matched:
                entry['status'] = 'unmatched'
    labels = {'version': str(context['version']), 'release': str(context['release'])}
    return {
        'tag': context['tag'],
        'namespace': context['namespace'],
        'maintainer': str(context['maintainer']),
        'work_dir': work_dir,
        'labels': labels,
        'build_args': {str(k): str(v) for k, v in (settings.get('build_args') or {}).items()},
        'images': [images[name] for name in order(images)],
    }


def write_plan(plan: dict, path: str) -> str:
    """Stamp the plan with the run's UTC time and write it atomically to ``path``; returns ``path``."""
    plan['created'] = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    with open(path + '.tmp', 'w', encoding='utf-8') as handle:
        json.dump(plan, handle, indent=1, sort_keys=True)
        handle.write('\n')
    os.replace(path + '.tmp', path)
    return path


# ---------------------------------------------------------------------------------------------
# Command line


def parse_value(text: str):
    key, sep, value = text.partition('=')
    if not sep or not key:
        raise argparse.ArgumentTypeError('expected KEY=VALUE, got %r' % text)
    return key, yaml.safe_load(value) if value else ''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog='image_templates.py', description='Render a Kolla-style image tree into Dockerfiles and a build plan (JSON).')
    parser.add_argument('regex', nargs='*', help='images to build (re.search, OR-ed); replace --profile')
    parser.add_argument('--tree', required=True, help='the image tree (folders with Dockerfile.j2)')
    parser.add_argument('--docker-dir', action='append', default=[], help='a tree copied over --tree (repeatable; later wins)')
    parser.add_argument('--template-override', action='append', default=[], help='override template (repeatable)')
    parser.add_argument('--profile', '-p', action='append', default=[], help="a profile of build.yml's profiles")
    parser.add_argument('--tag', help='image tag (default: build.yml tag)')
    parser.add_argument('--namespace', '-n', help='namespace (default: build.yml namespace)')
    parser.add_argument('--registry', help='registry prefixed to the namespace')
    parser.add_argument('--image-prefix', help='prefix of every image name')
    parser.add_argument('--set', '-e', action='append', default=[], type=parse_value, metavar='KEY=VALUE',
                        help='a template variable (YAML value), e.g. --set release=2')
    parser.add_argument('--work-dir', help='where to render (default: a new temporary directory)')
    parser.add_argument('--plan', help='write the plan here (default: <work-dir>/plan.json)')
    parser.add_argument('--template-only', action='store_true', help='render, print the plan summary, do not build')
    parser.add_argument('--list-images', action='store_true', help='print the matched images (parents first) and stop')
    args = parser.parse_args(argv)

    variables = dict(args.set)
    for key in ('tag', 'namespace', 'registry', 'image_prefix'):
        if getattr(args, key) is not None:
            variables[key] = getattr(args, key)
    work_dir = os.path.abspath(args.work_dir or tempfile.mkdtemp(prefix='overcloud-build-'))
    os.makedirs(work_dir, exist_ok=True)
    try:
        plan = render_tree([args.tree] + args.docker_dir, work_dir, args.template_override, args.regex, args.profile, variables)
    except TemplateTreeError as exc:
        print('image_templates: %s' % exc, file=sys.stderr)
        return 2
    plan_path = write_plan(plan, os.path.abspath(args.plan or os.path.join(work_dir, 'plan.json')))
    failed = [image for image in plan['images'] if image['status'] == 'failed']
    if args.list_images:
        for image in plan['images']:
            if image['status'] != 'unmatched':
                print(image['name'])
        return 1 if failed else 0
    for image in plan['images']:
        line = '%-10s %-28s %s' % (image['status'], image['name'], image['canonical'])
        if image['parent']:
            line += '  (parent %s)' % image['parent']
        if image['error']:
            line += '  ' + image['error']
        print(line, file=sys.stderr)
    print(plan_path)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
