// overcloud-deploy: the deploy-host modules (run on the undercloud/controller, not on every node)
// in one binary, chosen by the name it is run under. Kept apart from overcloud-node so the node
// binary stays small when registry and image code grows here.
import ContainerImagePrepare
import ModuleKit

ModuleRunner.main([ContainerImagePrepare.self])
