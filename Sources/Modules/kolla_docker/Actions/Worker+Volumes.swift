import DockerEngine
import ModuleKit

extension Worker {
    /// `create_volume`: creates the named volume (label `kolla_managed: true`) if absent.
    func createVolume() throws {
        try ensureVolume(spec.name)
    }

    func ensureVolume(_ name: String) throws {
        guard try engine.volume(named: name) == nil else { return }
        try step("Created volume \(name)") { try engine.createVolume(named: name, labels: ["kolla_managed": "true"]) }
    }

    /// `remove_volume`: removes the volume if present.
    func removeVolume() throws {
        guard try engine.volume(named: spec.name) != nil else { return }
        do {
            try step("Removed volume \(spec.name)") { try engine.removeVolume(spec.name) }
        } catch EngineError.conflict {
            throw ModuleFailure("Volume named '\(spec.name)' is currently in-use")
        }
    }
}
