"""The image tree renderer (collection/plugins/plugin_utils/image_templates.py): kolla 23's template
mechanics on small trees written by each test, and the deliberate differences the sidecar lists."""
import importlib.util
import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
RENDERER = ROOT / "collection/plugins/plugin_utils/image_templates.py"
spec = importlib.util.spec_from_file_location("oc_image_templates", RENDERER)
it = importlib.util.module_from_spec(spec)
spec.loader.exec_module(it)

MACROS = """{% macro install_packages(packages) -%}
{% if packages is defined and packages|length > 0 -%}
RUN {{ debian_package_install(packages) }}
{%- endif %}
{%- endmacro %}
"""

BUILD_YML = """namespace: t
base_image: overcloud-test/busybox
base_distro_tag: "1"
tag: one
release: "1"
tags:
  two: {release: "2"}
users:
  kolla: {uid: 42400}
profiles:
  leafy: ["^leaf-a$"]
  empty: []
"""

BASE = """FROM {{ base_image }}:{{ base_distro_tag }}
{% import "macros.j2" as macros with context %}
{% block base_header %}{% endblock %}
{% set base_packages = ['curl', 'sudo'] | customizable("packages") %}
{{ macros.install_packages(base_packages) }}
RUN echo kolla={{ users.kolla.uid }} release={{ release }}
{% block base_footer %}{% endblock %}
"""

MIDDLE = """FROM {{ namespace }}/{{ image_prefix }}base:{{ tag }}
{% block middle_header %}{% endblock %}
{% block middle_body %}RUN echo middle{% endblock %}
"""


def leaf(name):
    block = name.replace("-", "_")
    return """FROM {{ namespace }}/{{ image_prefix }}middle:{{ tag }}
{% set leaf_packages = ['vim'] | customizable("packages") %}
RUN echo {{ leaf_packages | join(' ') }}
{% block %s_footer %}{% endblock %}
{% block footer %}{% endblock %}
""".replace("%s", block)


def write(root, files):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "tree"
    write(root, {
        "macros.j2": MACROS, "build.yml": BUILD_YML, "base/Dockerfile.j2": BASE, "base/start.sh": "#!/bin/sh\n",
        "group/middle/Dockerfile.j2": MIDDLE, "group/leaf-a/Dockerfile.j2": leaf("leaf-a"),
        "group/leaf-b/Dockerfile.j2": leaf("leaf-b"), "other/Dockerfile.j2": "FROM overcloud-test/busybox:1\n",
    })
    return root


def render(tmp_path, trees, **kwargs):
    work = tmp_path / "work"
    plan = it.render_tree([str(t) for t in trees], str(work), **kwargs)
    return plan, {image["name"]: image for image in plan["images"]}


def dockerfile(image):
    return (pathlib.Path(image["context"]) / "Dockerfile").read_text()


def test_discovery_parents_order_and_context(tmp_path, tree):
    plan, images = render(tmp_path, [tree])
    assert sorted(images) == ["base", "leaf-a", "leaf-b", "middle", "other"]
    names = [image["name"] for image in plan["images"]]
    assert names.index("base") < names.index("middle") < names.index("leaf-a")
    assert images["middle"]["parent"] == "base" and images["leaf-b"]["parent"] == "middle"
    assert images["base"]["parent"] is None and images["other"]["parent"] is None
    assert images["leaf-a"]["canonical"] == "t/leaf-a:one"
    assert images["base"]["files"] == ["Dockerfile", "start.sh"]
    assert all(image["status"] == "matched" for image in plan["images"])
    text = dockerfile(images["base"])
    assert text.startswith("FROM overcloud-test/busybox:1\n")
    assert "apt-get -y install --no-install-recommends curl sudo && apt-get clean" in text
    assert "kolla=42400 release=1" in text
    assert plan["labels"] == {"version": "zed", "release": "1"}


def test_tag_variables_and_caller_values(tmp_path, tree):
    plan, images = render(tmp_path, [tree], variables={"tag": "two"})
    assert plan["labels"]["release"] == "2" and images["leaf-a"]["canonical"] == "t/leaf-a:two"
    assert images["leaf-a"]["parent"] == "middle"
    assert "release=2" in dockerfile(images["base"])
    plan, images = render(tmp_path, [tree], variables={"tag": "two", "release": "7", "registry": "127.0.0.1:5420"})
    assert plan["labels"]["release"] == "7" and images["base"]["canonical"] == "127.0.0.1:5420/t/base:two"
    assert images["middle"]["parent"] == "base"


def test_overlay_tree_later_files_win(tmp_path, tree):
    overlay = tmp_path / "overlay"
    write(overlay, {"base/start.sh": "#!/bin/sh\necho overlay\n", "base/kolla_set_configs": "binary"})
    _plan, images = render(tmp_path, [tree, overlay])
    context = pathlib.Path(images["base"]["context"])
    assert (context / "start.sh").read_text().endswith("overlay\n")
    assert images["base"]["files"] == ["Dockerfile", "kolla_set_configs", "start.sh"]


def test_override_blocks_super_and_lists(tmp_path, tree):
    first = tmp_path / "o1.j2"
    first.write_text("""{% extends parent_template %}
{% set base_packages_append = ['jq'] %}
{% set base_packages_remove = ['sudo', 'absent'] %}
{% set leaf_b_packages_override = ['nano'] %}
{% block middle_body %}{{ super() }}
RUN echo site-middle{% endblock %}
""")
    second = tmp_path / "o2.j2"
    second.write_text("""{% extends parent_template %}
{% set leaf_a_packages_append = ['less'] %}
{% block footer %}RUN echo leaf-footer{% endblock %}
""")
    _plan, images = render(tmp_path, [tree], overrides=[str(first), str(second)])
    base = dockerfile(images["base"])
    assert "--no-install-recommends curl jq &&" in base  # append, then remove (a missing item is ignored)
    middle = dockerfile(images["middle"])
    assert "RUN echo middle\nRUN echo site-middle" in middle  # super() keeps upstream content
    assert "RUN echo vim less" in dockerfile(images["leaf-a"])  # keyed by the rendered image's name
    assert "RUN echo nano" in dockerfile(images["leaf-b"])  # _override wins
    assert "leaf-footer" in dockerfile(images["leaf-a"]) and "leaf-footer" in dockerfile(images["leaf-b"])
    assert "leaf-footer" not in middle


def test_unknown_override_block_is_an_error(tmp_path, tree):
    # Deliberate difference: kolla drops a block the templates lack silently.
    override = tmp_path / "o.j2"
    override.write_text("{% extends parent_template %}\n{% block keystone_fotter %}RUN true{% endblock %}\n")
    with pytest.raises(it.TemplateTreeError, match="block keystone_fotter is not defined"):
        render(tmp_path, [tree], overrides=[str(override)])


def test_regex_selection_pulls_in_parents(tmp_path, tree):
    _plan, images = render(tmp_path, [tree], regexes=["leaf-b$"])
    status = {name: image["status"] for name, image in images.items()}
    assert status == {"base": "matched", "middle": "matched", "leaf-b": "matched", "leaf-a": "unmatched", "other": "unmatched"}
    _plan, images = render(tmp_path, [tree], regexes=["^oth", "^middle$"])  # OR-ed, re.search
    assert {n for n, i in images.items() if i["status"] == "matched"} == {"other", "middle", "base"}


def test_profile_selection_and_regexes_replace_profiles(tmp_path, tree):
    _plan, images = render(tmp_path, [tree], profiles=["leafy"])
    assert {n for n, i in images.items() if i["status"] == "matched"} == {"leaf-a", "middle", "base"}
    _plan, images = render(tmp_path, [tree], profiles=["leafy"], regexes=["^other$"])
    assert {n for n, i in images.items() if i["status"] == "matched"} == {"other"}
    for bad in ("nope", "empty"):
        with pytest.raises(it.TemplateTreeError, match="profile %s is not defined" % bad):
            render(tmp_path, [tree], profiles=[bad])


def test_cycle_is_reported_by_name(tmp_path):
    root = tmp_path / "tree"
    write(root, {"build.yml": "namespace: t\ntag: x\n",
                 "a/Dockerfile.j2": "FROM t/b:x\n", "b/Dockerfile.j2": "FROM t/a:x\n", "c/Dockerfile.j2": "FROM t/a:x\n"})
    plan, images = render(tmp_path, [root])
    assert images["a"]["status"] == "failed" and "parent cycle: a -> b -> a" in images["a"]["error"]
    assert images["b"]["status"] == "failed"
    assert images["c"]["status"] == "matched" and images["c"]["parent"] == "a"  # the builder skips it


def test_missing_parent_and_template_error_fail_only_that_image(tmp_path, tree):
    write(tree, {"group/orphan/Dockerfile.j2": "FROM {{ namespace }}/nosuch:{{ tag }}\n",
                 "group/broken/Dockerfile.j2": "FROM {{ namespace }}/base:{{ tag }}\n{{ raise_error('no keystone_packages') }}\n",
                 "group/syntax/Dockerfile.j2": "FROM x\n{% block %}\n"})
    _plan, images = render(tmp_path, [tree])
    assert images["orphan"]["status"] == "failed" and "missing parent: FROM t/nosuch:one" in images["orphan"]["error"]
    assert images["broken"]["status"] == "failed" and "no keystone_packages" in images["broken"]["error"]
    assert images["syntax"]["status"] == "failed" and "template syntax error" in images["syntax"]["error"]
    assert images["leaf-a"]["status"] == "matched"


def test_command_line(tmp_path, tree):
    work = tmp_path / "cli"
    out = subprocess.run([sys.executable, str(RENDERER), "--tree", str(tree), "--work-dir", str(work), "--template-only",
                          "--set", "release=3", "leaf-a"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    plan = json.loads(pathlib.Path(out.stdout.strip()).read_text())
    assert plan["labels"]["release"] == "3" and plan["created"].endswith("Z")
    assert "matched    leaf-a" in out.stderr and "unmatched  leaf-b" in out.stderr
    listed = subprocess.run([sys.executable, str(RENDERER), "--tree", str(tree), "--work-dir", str(work), "--list-images",
                             "leaf-a"], capture_output=True, text=True)
    assert listed.stdout.split() == ["base", "middle", "leaf-a"]
    bad = subprocess.run([sys.executable, str(RENDERER), "--tree", str(tree), "--work-dir", str(work), "-p", "nope"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "profile nope is not defined" in bad.stderr
