// swift-tools-version:6.0
// overcloud.containers: Ansible modules as Swift executables.
// Node-side targets (everything linked into `overcloud-node`) import neither Foundation nor
// FoundationEssentials: the binary must stay small and run on glibc 2.34 (EL9).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

func shared(_ name: String, _ deps: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: deps, path: "Sources/Shared/\(name)", swiftSettings: strict)
}

func module(_ name: String, _ dir: String, _ deps: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: deps, path: "Sources/Modules/\(dir)", swiftSettings: strict)
}

func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = [], resources: [Resource]? = nil) -> Target {
    .testTarget(
        name: name, dependencies: deps, path: "Tests/\(name)", exclude: exclude, resources: resources, swiftSettings: strict)
}

let package = Package(
    name: "overcloud-containers",
    products: [
        .executable(name: "overcloud-node", targets: ["Node"]),
        .executable(name: "kolla_set_configs", targets: ["KollaSetConfigs"]),
        .executable(name: "overcloud-deploy", targets: ["Deploy"]),
    ],
    targets: [
        // MARK: Shared libraries
        .systemLibrary(name: "CYAML", path: "Sources/Shared/CYAML"),
        shared("Platform"),
        shared("JSON"),
        shared("Digest"),
        shared("INI"),
        shared("YAML", ["CYAML"]),
        shared("ModuleKit", ["JSON", "Platform", "Digest"]),
        shared("ModuleTesting", ["ModuleKit", "JSON", "Platform"]),
        shared("KollaConfig", ["JSON", "Platform", "PythonRegex"]),
        shared("PythonRegex"),
        shared("ImagePrepare", ["JSON", "YAML", "PythonRegex"]),
        shared("HTTP", ["Platform"]),
        shared("DockerEngine", ["HTTP", "JSON", "Platform"]),

        // MARK: Ansible modules (folder = Ansible name)
        module("MergeConfigs", "merge_configs", ["ModuleKit", "INI", "JSON", "Platform"]),
        module("MergeYAML", "merge_yaml", ["ModuleKit", "YAML", "JSON", "Platform"]),
        module("KollaDocker", "kolla_docker", ["ModuleKit", "DockerEngine", "HTTP", "JSON", "Platform"]),
        module("KollaContainerFacts", "kolla_container_facts", ["ModuleKit", "DockerEngine", "JSON"]),
        module("ContainerImagePrepare", "container_image_prepare", ["ModuleKit", "ImagePrepare", "YAML", "JSON", "Platform"]),

        // MARK: The multi-call node binary
        .executableTarget(
            name: "Node", dependencies: ["ModuleKit", "MergeConfigs", "MergeYAML", "KollaDocker", "KollaContainerFacts"],
            path: "Sources/Modules/node", swiftSettings: strict),

        // MARK: The multi-call deploy-host binary (undercloud/controller-side modules)
        .executableTarget(
            name: "Deploy", dependencies: ["ModuleKit", "ContainerImagePrepare"], path: "Sources/Modules/deploy",
            swiftSettings: strict),

        // MARK: Tools inside the test container images (built fully static, see scripts/fixtures/kolla-images.sh)
        .executableTarget(
            name: "KollaSetConfigs", dependencies: ["KollaConfig"], path: "Sources/Images/kolla_set_configs",
            swiftSettings: strict),

        // MARK: Tests
        tests("JSONTests", ["JSON"]),
        tests("DigestTests", ["Digest"]),
        tests("INITests", ["INI"], resources: [.copy("Vectors")]),
        tests("YAMLTests", ["YAML"], exclude: ["tools"], resources: [.copy("Vectors")]),
        tests("ModuleKitTests", ["ModuleKit", "ModuleTesting", "JSON"]),
        tests("MergeConfigsTests", ["MergeConfigs", "ModuleTesting", "ModuleKit", "JSON"]),
        tests("MergeYAMLTests", ["MergeYAML", "ModuleTesting", "ModuleKit", "JSON", "YAML"]),
        tests("KollaConfigTests", ["KollaConfig", "JSON", "Platform"]),
        tests("ImagePrepareTests", ["ImagePrepare", "YAML", "JSON"], exclude: ["tools"], resources: [.copy("Vectors")]),
        tests("ContainerImagePrepareTests", ["ContainerImagePrepare", "ImagePrepare", "ModuleTesting", "ModuleKit", "JSON", "YAML"]),
        tests("HTTPTests", ["HTTP", "Platform"]),
        tests("DockerEngineTests", ["DockerEngine", "HTTP", "JSON"]),
        tests("KollaDockerTests", ["KollaDocker", "ModuleTesting", "ModuleKit", "JSON", "DockerEngine"]),
        tests("KollaContainerFactsTests", ["KollaContainerFacts", "ModuleTesting", "ModuleKit", "JSON", "DockerEngine", "HTTP"]),
    ],
    swiftLanguageModes: [.v6]
)
