"""`cleanup` as tripleo-common 18 applies it to the images built locally for modify_role: once every image is
pushed, `full` removes the local unmodified copy and the modified image, `partial` only the unmodified copy,
`none` nothing. Real engine (the local Docker daemon: modify_image pulls and builds there), real registries."""
import subprocess

import pytest

import registries
from support import SRC, entry, environment

DST = registries.netloc("dst")
REPO = f"{DST}/tripleomaster/openstack-keystone"


def local(image):
    return subprocess.run(["docker", "image", "inspect", image], capture_output=True).returncode == 0


@pytest.mark.parametrize("cleanup,unmodified_kept,modified_kept", [
    ("full", False, False), ("partial", False, True), ("none", True, True)])
def test_cleanup_of_locally_modified_images(copier, fresh, tmp_path, cleanup, unmodified_kept, modified_kept):
    dst = fresh("dst")
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM scratch\nRUN touch /oc-i15-hotfix\n")
    tag = f"-i15-{cleanup}"
    unmodified, modified = f"{REPO}:current-tripleo", f"{REPO}:current-tripleo{tag}"
    try:
        run = copier.module({
            "environment": environment(entry(
                ["keystone"], DST, modify_role="tripleo-modify-image", modify_append_tag=tag,
                modify_vars={"tasks_from": "modify_image.yml", "modify_dir_path": str(context)})),
            "insecure_registries": [SRC, DST], "cleanup": cleanup})
        assert run.rc == 0 and run.result.get("failed") is not True, run
        assert run.result["params"]["parameter_defaults"]["ContainerKeystoneImage"] == modified, run
        for pushed in ("current-tripleo", f"current-tripleo{tag}"):
            assert dst.manifest("tripleomaster/openstack-keystone", pushed), f"{pushed} is not in the registry"
        assert local(unmodified) == unmodified_kept, f"{unmodified} after cleanup={cleanup}"
        assert local(modified) == modified_kept, f"{modified} after cleanup={cleanup}"
        removed = [image for image, kept in ((unmodified, unmodified_kept), (modified, modified_kept)) if not kept]
        assert run.result.get("removed_local_images") == sorted(removed), run
    finally:
        for image in (unmodified, modified):
            subprocess.run(["docker", "image", "rm", image], capture_output=True)
