// overcloud-node: every node-side module in one binary, chosen by the name it is run under.
import KollaContainerFacts
import KollaDocker
import MergeConfigs
import MergeYAML
import ModuleKit
import PuppetConfig
import ServiceConfig
import TripleoContainerManage

ModuleRunner.main([
    MergeConfigs.self, ServiceConfig.self, MergeYAML.self, KollaDocker.self, KollaContainerFacts.self, PuppetConfig.self, TripleoContainerManage.self,
])
