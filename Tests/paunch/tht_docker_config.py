"""The `docker_config` of real tripleo-heat-templates 18.0.0 services, with Heat's intrinsic functions resolved
against fixed parameter values (no Heat needed): get_param (given values, else the template's defaults), get_attr
of RoleParametersValue (images), ContainersCommon and the service's <X>Logging resource (logging/files/*.yaml),
if/equals/not/and/or (conditions of the template), list_concat, list_join, str_replace, map_merge and
the two yaql forms they use.

Usage: python3 tht_docker_config.py THT_ROOT [IMAGE] > docker_config.json  ({service: {step_N: {name: definition}}})
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

# The services compared with paunch, and the template of each.
SERVICES = {
    'keystone': 'deployment/keystone/keystone-container-puppet.yaml',
    'memcached': 'deployment/memcached/memcached-container-puppet.yaml',
    'mysql': 'deployment/database/mysql-container-puppet.yaml',
    'placement': 'deployment/placement/placement-api-container-puppet.yaml',
    'glance': 'deployment/glance/glance-api-container-puppet.yaml',
    'rabbitmq': 'deployment/rabbitmq/rabbitmq-container-puppet.yaml',
}

# Fixed values for parameters without a usable default (a one-node, non-TLS, non-HA deployment).
PARAMS = {
    'ServiceData': {'net_cidr_map': {}},
    'ServiceNetMap': {'KeystoneAdminApiNetwork': 'ctlplane', 'KeystonePublicApiNetwork': 'ctlplane',
                      'MysqlNetwork': 'ctlplane', 'MemcachedNetwork': 'ctlplane', 'PlacementNetwork': 'ctlplane',
                      'GlanceApiNetwork': 'ctlplane', 'RabbitmqNetwork': 'ctlplane'},
    'EndpointMap': {},
    'RoleName': 'Controller',
    'RoleParameters': {},
    'DeployIdentifier': '',
    'EnableInternalTLS': False,
    'InternalTLSCAFile': '/etc/ipa/ca.crt',
    'MemcachedIPv6': False,
    'GlanceBackend': 'file',
    'GlanceMultistoreConfig': {},
    'GlanceNfsEnabled': False,
    'CinderBackendEnabled': False,
    'GlanceEnabledImportMethods': 'web-download',
    'GlanceStagingNfsShare': '',
    'NotificationDriver': 'noop',
    'RpcPort': 5672,
    'DockerInsecureRegistryAddress': [],
}


class Template:
    def __init__(self, root: Path, path: str, image: str, params: dict):
        self.root, self.path = root, root / path
        self.doc = yaml.safe_load(self.path.read_text())
        self.image, self.params = image, params
        self.conditions: dict[str, bool] = {}

    def param(self, name: str):
        if name in self.params:
            return self.params[name]
        if name.startswith('Container') and name.endswith('Image'):
            return self.image
        spec = self.doc.get('parameters', {}).get(name)
        if spec is None or 'default' not in spec:
            raise KeyError(f'{self.path.name}: parameter {name} has no value and no default')
        return spec['default']

    def condition(self, name):
        if isinstance(name, bool):
            return name
        if isinstance(name, dict):
            return bool(self.resolve(name))
        if name not in self.conditions:
            self.conditions[name] = bool(self.resolve(self.doc['conditions'][name]))
        return self.conditions[name]

    def output(self, name: str):
        return self.resolve(self.doc['outputs'][name]['value'])

    def resource_template(self, resource: str) -> Template:
        kind = self.doc['resources'][resource]['type']
        if kind.endswith('.yaml'):
            return Template(self.root, str((self.path.parent / kind).relative_to(self.root)), self.image, self.params)
        # OS::TripleO::Services::Logging::GlanceApi → the file-logging flavour (the default registry's choice).
        if kind.startswith('OS::TripleO::Services::Logging::'):
            registry = (self.root / 'overcloud-resource-registry-puppet.j2.yaml').read_text()
            target = re.search(rf'^\s*{re.escape(kind)}:\s*(\S+)', registry, re.M).group(1)
            return Template(self.root, target, self.image, self.params)
        raise KeyError(f'{self.path.name}: cannot follow resource {resource} ({kind})')

    def resolve(self, node):
        if isinstance(node, list):
            return [self.resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, arg), = node.items()
            function = getattr(self, 'fn_' + key, None)
            if function is not None:
                return function(arg)
            if key in ('get_file', 'repeat', 'map_replace', 'get_resource'):
                raise KeyError(f'{self.path.name}: {key} is not resolved by this extractor')
        return {key: self.resolve(value) for key, value in node.items()}

    def fn_get_param(self, arg):
        path = arg if isinstance(arg, list) else [arg]
        value = self.param(self.resolve(path[0]))
        for key in path[1:]:
            value = value[self.resolve(key)]
        return value

    def fn_get_attr(self, arg):
        resource, *path = arg
        if resource == 'RoleParametersValue':
            return self.param(path[-1])
        value = self.resource_template(resource).output(path[0])
        for key in path[1:]:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def fn_if(self, arg):
        condition, then, otherwise = (list(arg) + [None])[:3]  # no else branch: the item goes away
        return self.resolve(then if self.condition(condition) else otherwise)

    def fn_equals(self, arg):
        a, b = self.resolve(arg)
        return a == b

    def fn_not(self, arg):
        return not self.condition(arg)

    def fn_and(self, arg):
        return all(self.condition(c) for c in arg)

    def fn_or(self, arg):
        return any(self.condition(c) for c in arg)

    def fn_list_concat(self, arg):
        return [item for part in self.resolve(arg) if part for item in part]

    def fn_list_join(self, arg):
        separator, items = self.resolve(arg[0]), self.resolve(arg[1])
        return separator.join(str(i) for i in items if i is not None)

    def fn_str_replace(self, arg):
        text, params = self.resolve(arg['template']), self.resolve(arg['params'])
        for key, value in params.items():
            text = text.replace(key, str(value))
        return text

    def fn_yaql(self, arg):
        """Only the form these templates use: str($.data.NAME)."""
        expression = arg['expression'].strip()
        match = re.fullmatch(r'str\(\$\.data\.(\w+)\)', expression)
        backend = re.fullmatch(r'\$\.data\.values\(\)\.any\(\$\.get\("(\w+)", ""\) = "(\w+)"\)', expression)
        if backend:  # glance's multistore backend tests
            return any(v.get(backend.group(1), '') == backend.group(2) for v in self.resolve(arg['data']).values())
        if not match:
            raise KeyError(f'{self.path.name}: yaql {arg["expression"]!r} is not resolved by this extractor')
        return str(self.resolve(arg['data'])[match.group(1)])

    def fn_map_merge(self, arg):
        merged = {}
        for part in self.resolve(arg):
            merged.update(part or {})
        return merged


def drop_nones(value):
    """Heat leaves out list items and keys whose value resolved to nothing."""
    if isinstance(value, dict):
        return {k: drop_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nones(v) for v in value if v is not None]
    return value


def docker_config(root: Path, image: str) -> dict:
    out = {}
    for service, path in SERVICES.items():
        template = Template(root, path, image, PARAMS)
        config = template.resolve(template.doc['outputs']['role_data']['value']['docker_config'])
        out[service] = {step: drop_nones(containers) for step, containers in config.items() if containers}
    return out


if __name__ == '__main__':
    print(json.dumps(docker_config(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else 'overcloud-test/debian:bookworm'),
                     indent=1))
