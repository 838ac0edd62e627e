#!/usr/bin/env python3
"""Differential oracle: runs tripleo-common 18.0.0's real ContainerImagePrepare evaluation
(kolla_builder.container_images_prepare_multi + tripleo-ansible's role-specific loop) on many
generated environments, with every network touch replaced, and writes the cases and results
to Vectors/differential.json for ImagePrepareTests/DifferentialTests.swift.

  /tmp/tc/bin/pip install tripleo-common==18.0.0      # Python 3.11
  /tmp/tc/bin/python oracle.py [--cases 400] [--seed 4] --out ../Vectors/differential.json

No connection is opened:
- is_insecure_registry(host) -> host in the case's `insecure` list (never for SECURE_REGISTRIES);
- get_undercloud_registry() -> the case's `undercloud`;
- registry reads (_inspect, authenticate) come from a fake registry decided by the repository
  name; every repository it is asked about is recorded (all tags and labels) into the case,
  and the Swift side serves exactly those through InMemoryLabelSource;
- uploads are not run: PythonImageUploader.run_tasks records each UploadTask instead;
- time.strftime is fixed so the default modify_append_tag is `-modified-20240101120000`.
"""
import argparse
import copy
import json
import random
import time

from tripleo_common.image import image_uploader, kolla_builder

FIXED_TAG = "-modified-20240101120000"


class FakeRegistry:
    def __init__(self):
        self.seen = {}

    def repo(self, name):
        h = sum(name.encode())
        kind = 1 + h % 5
        if h % 41 == 0:
            content = None
        elif kind == 1:
            labels = {"rdo_version": "a", "version": "17.1.0", "release": "42", "kolla_version": "9"}
            content = {"tags": ["current-tripleo", "17.1.0-42", "a", "l"], "labels": labels}
        elif kind == 2:
            content = {"tags": ["x", "y"], "labels": {"rdo_version": "y", "version": "1", "release": "2"}}
        elif kind == 3:
            content = {"tags": ["current-tripleo", "l", "master"], "labels": {}}
        elif kind == 4:
            content = {"tags": ["current-tripleo", "v1", "l"], "labels": {"rdo_version": "zzz", "kolla_version": "1"}}
        else:
            content = {"tags": ["current-tripleo", "l", "1-2"], "labels": {"version": "1", "release": "2", "rdo_version": "l"}}
        self.seen[name] = content
        return content


def run_case(case):
    reg = FakeRegistry()
    uploads = []

    def is_insecure(cls, registry_host):
        if registry_host in image_uploader.SECURE_REGISTRIES:
            return False
        return registry_host in case["insecure"]

    def inspect(cls, image_url, session=None, default_tag=False):
        image, tag = cls._image_tag_from_url(image_url)
        name = image_url.netloc + image
        content = reg.repo(name)
        if content is None:
            raise image_uploader.ImageNotFoundException("Not found image: %s" % image_url.geturl())
        tags = content["tags"]
        if default_tag and tag not in tags:
            if tags:
                tag = tags[-1]
            else:
                raise image_uploader.ImageNotFoundException("Not found image: %s" % image_url.geturl())
        if tag not in tags:
            raise image_uploader.ImageNotFoundException("Not found image: %s" % image_url.geturl())
        return {"Labels": dict(content["labels"]), "RepoTags": list(tags)}

    class Session:
        def close(self):
            pass

    def run_tasks(self):
        for _, task in self.upload_tasks:
            uploads.append({
                "imagename": task.image_name, "source_image": task.source_image, "target_image": task.target_image,
                "push_destination": task.push_destination, "modify_role": task.modify_role,
                "append_tag": task.append_tag, "multi_arch": bool(task.multi_arch)})
        self.upload_tasks = []

    U = image_uploader.BaseImageUploader
    U.is_insecure_registry = classmethod(is_insecure)
    U.insecure_registries = set()
    U.no_verify_registries = set()
    U.secure_registries = set(image_uploader.SECURE_REGISTRIES)
    image_uploader.PythonImageUploader._inspect = classmethod(inspect)
    image_uploader.PythonImageUploader.authenticate = classmethod(lambda cls, *a, **k: Session())
    image_uploader.PythonImageUploader.run_tasks = run_tasks
    image_uploader.get_undercloud_registry = lambda: case["undercloud"]
    kolla_builder.time.strftime = lambda fmt, *a: FIXED_TAG if fmt == "-modified-%Y%m%d%H%M%S" else time.strftime(fmt, *a)

    env = copy.deepcopy(case["environment"])
    roles = copy.deepcopy(case["roles"])
    try:
        params = kolla_builder.container_images_prepare_multi(env, roles, dry_run=False)
        for role in roles:
            role_param = "%sContainerImagePrepare" % role["name"]
            if env.get("parameter_defaults", {}).get(role_param):
                tmp_env = copy.deepcopy(env)
                tmp_env["parameter_defaults"]["ContainerImagePrepare"] = env["parameter_defaults"][role_param]
                params["%sParameters" % role["name"]] = kolla_builder.container_images_prepare_multi(
                    tmp_env, [role], dry_run=False)
        result = {"params": params, "uploads": uploads}
    except Exception as e:  # noqa: BLE001 - the oracle records any failure
        result = {"error": str(e), "error_type": type(e).__name__}
    case["registry"] = [{"name": k, **v} for k, v in sorted(reg.seen.items()) if v is not None]
    case["expected"] = result
    return case


ROLES = [
    {"name": "Controller", "CountDefault": 1, "ServicesDefault": [
        "OS::TripleO::Services::NovaApi", "OS::TripleO::Services::Keystone", "OS::TripleO::Services::MySQL",
        "OS::TripleO::Services::NeutronApi", "OS::TripleO::Services::OVNDBs", "OS::TripleO::Services::CephMon",
        "OS::TripleO::Services::HAproxy", "OS::TripleO::Services::Noop"]},
    {"name": "Compute", "CountDefault": 1, "ServicesDefault": [
        "OS::TripleO::Services::NovaCompute", "OS::TripleO::Services::NovaLibvirt", "OS::TripleO::Services::OVNController"]},
    {"name": "BlockStorage", "ServicesDefault": ["OS::TripleO::Services::CinderVolume"]},
]


def pick(r, options):
    return r.choice(options)


def gen_entry(r, allow_labels_filter):
    e = {}
    s = {}
    for key, options in [
        ("namespace", [None, "quay.io/t", "docker.io/tripleomaster", "192.0.2.0:8787/t", "t", "mylocal"]),
        ("name_prefix", [None, "", "centos-binary-", "openstack", "p"]),
        ("name_suffix", [None, "", "x", "-y"]),
        ("tag", [None, None, "l", "current-tripleo", "", 17]),
        ("neutron_driver", [None, "ABSENT", "ovn", "odl", "other"]),
        ("ceph_images", [None, False, True, "false", 0]),
        ("ceph_namespace", [None, "docker.io/ceph", "192.0.2.0:8787/c"]),
        ("ceph_tag", [None, 2.3, "latest"]),
    ]:
        v = pick(r, options)
        if v is None:
            continue
        s[key] = None if v == "ABSENT" else v
    if s or r.random() < 0.5:
        e["set"] = s
    if r.random() < 0.35:
        e["includes"] = pick(r, [["nova"], ["keystone"], ["^quay", "ceph"], ["nova-compute"], ["libvirt$"], ["current"], ["[0-9]+$"]])
    if r.random() < 0.35:
        e["excludes"] = pick(r, [["nova"], ["ceph"], ["ovn|neutron"], ["ab+c"], ["barbican", "heat-api"]])
    if r.random() < 0.5:
        e["push_destination"] = pick(r, [True, False, "192.0.2.1:8787", "10.0.0.1:5000/", "uc.ctlplane:8787"])
    if r.random() < 0.35:
        e["tag_from_label"] = pick(r, ["rdo_version", "{version}-{release}", "missing_label", "{nope}"])
    if r.random() < 0.3:
        e["modify_role"] = "tripleo-modify-image"
        if r.random() < 0.7:
            e["modify_append_tag"] = pick(r, ["-hotfix", None, "", "modify-123"])
        if r.random() < 0.4:
            e["modify_only_with_source"] = pick(r, [["ceph"], ["tripleo", "kolla"], ["prom"]])
        if allow_labels_filter and r.random() < 0.4:
            e["modify_only_with_labels"] = ["kolla_version"]
        if r.random() < 0.3:
            e["modify_vars"] = {"tasks_from": "yum_update.yml"}
    if r.random() < 0.1:
        e["pull_source"] = "docker.io/other"
    if r.random() < 0.1:
        e["multi_arch"] = True
    return e


def gen_case(r, index):
    pd = {}
    entries = [gen_entry(r, True) for _ in range(r.choice([0, 1, 1, 2, 3]))]
    # the known, deliberate difference: labels filter + tag discovery (never both in one case)
    for e in entries:
        if e.get("modify_only_with_labels") and e.get("tag_from_label"):
            del e["tag_from_label"]
    if entries or r.random() < 0.3:
        pd["ContainerImagePrepare"] = entries
    if r.random() < 0.3:
        pd["LocalContainerRegistry"] = "192.0.2.5"
    if r.random() < 0.3:
        pd["NeutronMechanismDrivers"] = pick(r, [["ovn"], ["openvswitch"], "ovn", ["sriovnicswitch", "openvswitch"]])
    if r.random() < 0.15:
        pd["AdditionalArchitectures"] = ["ppc64le"]
    roles = []
    if r.random() < 0.4:
        roles = copy.deepcopy(ROLES)
        if r.random() < 0.5:
            pd["ComputeCount"] = pick(r, [0, 2, "3"])
        if r.random() < 0.3:
            pd["ControllerServices"] = ["OS::TripleO::Services::Keystone", "OS::TripleO::Services::CephMon"]
        if r.random() < 0.3:
            pd["ComputeContainerImagePrepare"] = [gen_entry(r, False)]
    env = {"parameter_defaults": pd}
    if roles and r.random() < 0.5:
        env["resource_registry"] = {"OS::TripleO::Services::Noop": "OS::Heat::None",
                                    "OS::TripleO::Services::MySQL": "OS::Heat::None"}
    # no modify_role with multi_arch (tripleo-common refuses it only when uploading)
    if pd.get("AdditionalArchitectures"):
        for e in entries:
            e.pop("modify_role", None)
    insecure = r.sample(["192.0.2.1:8787", "192.0.2.0:8787", "10.0.0.1:5000", "t", "mylocal", "docker.io", "uc.ctlplane:8787"], r.choice([0, 0, 1, 2]))
    return {"name": "case-%03d" % index, "environment": env, "roles": roles, "insecure": insecure,
            "undercloud": pick(r, ["uc.ctlplane.localdomain:8787", "localhost:8787"])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=160)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    r = random.Random(a.seed)
    cases = [run_case(gen_case(r, i)) for i in range(a.cases)]
    with open(a.out, "w") as f:
        json.dump(cases, f, separators=(",", ":"))
    failed = sum(1 for c in cases if "error" in c["expected"])
    print("%d cases (%d expected failures) -> %s" % (len(cases), failed, a.out))


if __name__ == "__main__":
    main()
