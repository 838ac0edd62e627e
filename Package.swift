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
    dependencies: [
        // The deploy binary's HTTP client (TLS, proxies, redirects, connection pools) for registries.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
    ],
    targets: [
        // MARK: Shared libraries
        .systemLibrary(name: "CYAML", path: "Sources/Shared/CYAML"),
        .systemLibrary(name: "CPCRE2", path: "Sources/Shared/CPCRE2"),
        shared("Platform"),
        shared("ContainerNotation"),
        shared("JSON"),
        shared("Digest"),
        shared("INI", ["PythonCompat"]),
        shared("PythonCompat"),
        shared("YAML", ["CYAML", "Digest", "PythonCompat"]),
        shared("ModuleKit", ["JSON", "Platform", "Digest", "PythonCompat"]),
        shared("ModuleTesting", ["ModuleKit", "JSON", "Platform"]),
        shared("KollaConfig", ["JSON", "Platform"]),
        shared("KollaExclude", ["KollaConfig", "PythonRegex"]),
        shared("PythonRegex", ["CPCRE2"]),
        shared("ImagePrepare", ["JSON", "YAML", "PythonRegex", "Platform", "ContainerNotation"]),
        shared("HTTP", ["Platform"]),
        shared("DockerEngine", ["HTTP", "JSON", "Platform", "Digest", "ContainerNotation"]),
        shared("ConfigHash", ["JSON", "Platform", "ContainerNotation"]),
        shared("Tar"),
        .target(name: "GlibcFloor", path: "Sources/Shared/GlibcFloor"),
        shared("Registry", [
            "JSON", "Digest", "Platform", "ContainerNotation",
            .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        shared("ImageCopy", ["Registry", "JSON", "Digest", "Platform"]),
        shared("RegistryTesting", ["Registry", "JSON", "Digest"]),
        shared("EngineTesting", ["HTTP"]),

        // MARK: Ansible modules (folder = Ansible name)
        module("MergeConfigs", "merge_configs", ["ModuleKit", "INI", "JSON", "Platform"]),
        module("ServiceConfig", "service_config", ["ModuleKit", "MergeConfigs", "JSON", "Platform"]),
        module("MergeYAML", "merge_yaml", ["ModuleKit", "YAML", "JSON", "Platform"]),
        module("KollaDocker", "kolla_docker", ["ModuleKit", "DockerEngine", "HTTP", "JSON", "Platform", "ContainerNotation", "KollaConfig"]),
        module("KollaContainerFacts", "kolla_container_facts", ["ModuleKit", "DockerEngine", "JSON"]),
        module("ModifyImage", "modify_image", ["ModuleKit", "DockerEngine", "HTTP", "Tar", "ImageCopy", "JSON", "Platform", "ContainerNotation"]),
        module("PuppetConfig", "puppet_config", ["ModuleKit", "DockerEngine", "ConfigHash", "JSON", "Platform", "ContainerNotation"]),
        module("TripleoContainerManage", "tripleo_container_manage", ["ModuleKit", "DockerEngine", "JSON", "Platform", "ContainerNotation"]),
        module("KeystoneResources", "keystone_resources", ["ModuleKit", "Registry", "JSON", "Platform"]),
        module("ImageBuild", "image_build", ["ModuleKit", "DockerEngine", "Tar", "Digest", "JSON", "Platform"]),
        module("ContainerPatches", "container_patches", ["ModuleKit", "ModifyImage", "Tar", "JSON", "Platform"]),
        module("ContainerImagePrepare", "container_image_prepare", [
            "ModuleKit", "ImagePrepare", "Registry", "ImageCopy", "YAML", "JSON", "Platform",
        ]),

        // MARK: The multi-call node binary
        .executableTarget(
            name: "Node", dependencies: ["ModuleKit", "MergeConfigs", "ServiceConfig", "MergeYAML", "KollaDocker", "KollaContainerFacts", "PuppetConfig",
                "TripleoContainerManage"],
            path: "Sources/Modules/node", swiftSettings: strict),

        // MARK: The multi-call deploy-host binary (undercloud/controller-side modules)
        .executableTarget(
            name: "Deploy", dependencies: ["ModuleKit", "ContainerImagePrepare", "ModifyImage", "ContainerPatches", "ImageBuild", "KeystoneResources", "GlibcFloor", "JSON"], path: "Sources/Modules/deploy",
            swiftSettings: strict),

        // MARK: Tools inside the test container images (built fully static, see scripts/fixtures/kolla-images.sh)
        .executableTarget(
            name: "KollaSetConfigs", dependencies: ["KollaConfig", "KollaExclude"], path: "Sources/Images/kolla_set_configs",
            swiftSettings: strict),

        // MARK: Tests
        tests("JSONTests", ["JSON"]),
        tests("PythonCompatTests", ["PythonCompat"]),
        tests("ContainerNotationTests", ["ContainerNotation"]),
        tests("DigestTests", ["Digest"]),
        tests("INITests", ["INI"], resources: [.copy("Vectors")]),
        tests("YAMLTests", ["YAML"], exclude: ["tools"], resources: [.copy("Vectors")]),
        tests("ModuleKitTests", ["ModuleKit", "ModuleTesting", "JSON"]),
        tests("MergeConfigsTests", ["MergeConfigs", "ModuleTesting", "ModuleKit", "JSON"]),
        tests("ServiceConfigTests", ["ServiceConfig", "ModuleTesting", "ModuleKit", "JSON", "Platform"]),
        tests("MergeYAMLTests", ["MergeYAML", "ModuleTesting", "ModuleKit", "JSON", "YAML"]),
        tests("KollaConfigTests", ["KollaConfig", "KollaExclude", "JSON", "Platform"]),
        tests("PythonRegexTests", ["PythonRegex"], exclude: ["tools"], resources: [.copy("Vectors")]),
        tests("ImagePrepareTests", ["ImagePrepare", "YAML", "JSON"], exclude: ["tools"], resources: [.copy("Vectors")]),
        tests("ContainerImagePrepareTests", [
            "ContainerImagePrepare", "ImagePrepare", "Registry", "RegistryTesting", "ImageCopy", "ModuleTesting", "ModuleKit", "JSON",
            "YAML",
        ]),
        tests("HTTPTests", ["HTTP", "Platform"]),
        tests("RegistryTests", ["Registry", "RegistryTesting", "ImageCopy", "JSON", "Digest"]),
        tests("DockerEngineTests", ["DockerEngine", "EngineTesting", "HTTP", "JSON", "Digest"]),
        tests("KollaDockerTests", ["KollaDocker", "EngineTesting", "ModuleTesting", "ModuleKit", "JSON", "DockerEngine", "HTTP"]),
        tests("ImageBuildTests", ["ImageBuild", "EngineTesting", "ModuleKit", "JSON", "DockerEngine", "HTTP"]),
        tests("ModifyImageTests", ["ModifyImage", "EngineTesting", "ModuleTesting", "ModuleKit", "JSON", "DockerEngine", "HTTP", "Tar", "ImageCopy"]),
        tests("ContainerPatchesTests", ["ContainerPatches", "ModuleTesting", "ModuleKit", "JSON"]),
        tests("ModulesTests", [
            "MergeConfigs", "ServiceConfig", "MergeYAML", "KollaContainerFacts", "PuppetConfig", "TripleoContainerManage", "ContainerImagePrepare",
            "ModifyImage", "ContainerPatches", "KeystoneResources", "ImageBuild", "ModuleTesting", "ModuleKit", "JSON",
        ]),
        tests("ConfigHashTests", ["ConfigHash", "JSON"]),
        tests("KeystoneResourcesTests", ["KeystoneResources", "ModuleTesting", "ModuleKit", "JSON", "RegistryTesting"]),
        tests("PuppetConfigTests", ["PuppetConfig", "ConfigHash", "ModuleTesting", "ModuleKit", "JSON"]),
        tests("TripleoContainerManageTests", ["TripleoContainerManage", "EngineTesting", "ModuleTesting", "ModuleKit", "JSON", "DockerEngine", "HTTP"]),
        tests("KollaContainerFactsTests", ["KollaContainerFacts", "EngineTesting", "ModuleTesting", "ModuleKit", "JSON", "DockerEngine", "HTTP"]),
    ],
    swiftLanguageModes: [.v6]
)
