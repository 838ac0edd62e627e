"""Every module the binary serves has a doc sidecar, and the sidecar documents exactly the spec
the binary validates against: names, types, elements, defaults, choices, required, aliases."""
import json
import subprocess

import pytest
import yaml

from conftest import ROOT, deploy_binary_path, listed_modules, node_binary_path

SIDECARS = ROOT / "collection" / "plugins" / "modules"
# Options only the controller-side action plugin reads (they never reach the binary); a sub-option as "option.sub".
CONTROLLER_ONLY = {
    "merge_yaml": {"vars"},
    "service_config": {"files.src", "files.ini_sources"},
    "image_build": {"tree", "docker_dirs", "template_overrides", "images", "profiles", "tag", "namespace", "registry",
                    "image_prefix", "build_vars", "work_dir"},
}


def spec_of(binary, module):
    out = subprocess.run([str(binary), module, "--spec"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def documented(module):
    doc = yaml.safe_load((SIDECARS / f"{module}.yml").read_text())
    return doc["DOCUMENTATION"]


def as_list(value):
    return value if isinstance(value, list) else [value or ""]


def compare_options(spec_options, doc_options, where, controller_only=frozenset()):
    doc_options = {k: v for k, v in (doc_options or {}).items() if k not in controller_only}
    assert sorted(spec_options) == sorted(doc_options), f"{where}: option names differ"
    for name, spec in spec_options.items():
        doc = doc_options[name]
        ctx = f"{where}.{name}"
        assert doc.get("type", "str") == spec["type"], f"{ctx}: type"
        assert doc.get("elements") == spec.get("elements"), f"{ctx}: elements"
        assert bool(doc.get("required", False)) == bool(spec.get("required", False)), f"{ctx}: required"
        assert doc.get("default") == spec.get("default"), f"{ctx}: default"
        assert doc.get("choices") == spec.get("choices"), f"{ctx}: choices"
        # Ansible's doc schema has no `no_log` key: a secret option says so in its description instead.
        assert "no_log" not in doc, f"{ctx}: no_log is not a doc key (validate-modules rejects it)"
        if spec.get("no_log"):
            assert "never logged" in " ".join(as_list(doc.get("description"))).lower(), f"{ctx}: no_log not documented"
        assert sorted(doc.get("aliases") or []) == sorted(spec.get("aliases") or []), f"{ctx}: aliases"
        assert doc.get("description"), f"{ctx}: no description"
        if "options" in spec:
            nested = {path.partition(".")[2] for path in controller_only if path.startswith(name + ".")}
            compare_options(spec["options"], doc.get("suboptions"), ctx, nested)


def test_every_module_has_a_sidecar(module_names):
    documented_names = sorted(p.stem for p in SIDECARS.glob("*.yml"))
    assert documented_names == sorted(module_names)


def all_listed_modules():
    """Every module both binaries serve (`--list-modules`), for parametrizing at collection time."""
    names = listed_modules(node_binary_path()) + listed_modules(deploy_binary_path())
    return names or ["<binaries missing>"]  # the binary fixtures then fail with the reason


@pytest.mark.parametrize("module", all_listed_modules())
def test_sidecar_matches_spec(module_binaries, module):
    spec = spec_of(module_binaries[module], module)
    doc = documented(module)
    assert doc["module"] == module
    controller_only = CONTROLLER_ONLY.get(module, set())
    for path in controller_only:
        option, _, sub = path.partition(".")
        documented_here = doc["options"].get(option, {}).get("suboptions", {}) if sub else doc["options"]
        assert (sub or option) in documented_here, f"the controller-only option {path} is not documented"
    compare_options(spec["options"], doc["options"], module, controller_only)
    check = doc["attributes"]["check_mode"]["support"]
    assert (check != "none") == spec["supports_check_mode"]
