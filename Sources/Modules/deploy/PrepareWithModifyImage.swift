import ContainerImagePrepare
import JSON
import ModifyImage
import ModuleKit

/// `container_image_prepare` as the deploy binary runs it: entries with `modify_role:
/// tripleo-modify-image` are built by the modify_image module (``ModifyImageModifier``).
enum PrepareWithModifyImage: SecretBearingModule {
    static let name = ContainerImagePrepare.name
    static let summary = ContainerImagePrepare.summary
    static var aliases: [String] { ContainerImagePrepare.aliases }
    static var spec: ModuleSpec { ContainerImagePrepare.spec }

    static var subcommands: [Subcommand] { PrepareCommand.subcommands(running: PrepareWithModifyImage.self) }

    static func secrets(in params: JSONObject) -> Set<String> { ContainerImagePrepare.secrets(in: params) }

    static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try ContainerImagePrepare.run(params, on: host, registries: .live(modifier: ModifyImageModifier()))
    }
}
