// overcloud-deploy: the deploy-host modules (run on the undercloud/controller, not on every node)
// in one binary, chosen by the name it is run under. Kept apart from overcloud-node so the node
// binary stays small when registry and image code grows here.
import ContainerImagePrepare
import ContainerPatches
import GlibcFloor
import ImageBuild
import KeystoneResources
import ModifyImage
import ModuleKit

_ = glibc_floor_anchor()  // keeps hypot/hypotf at GLIBC_2.2.5 (see Sources/Shared/GlibcFloor)
// Subcommands (`container_image_prepare prepare|default|kolla-build-command`, `modify_image hotfix`) are the modules' own, dispatched by the runner.
ModuleRunner.main([PrepareWithModifyImage.self, ModifyImage.self, ContainerPatches.self, KeystoneResources.self, ImageBuild.self])
