import ImagePrepare
import JSON
import Registry
import YAML

/// ``ImageLabelSource`` over a ``RegistryClient``: `tag_from_label` and `modify_only_with_labels`
/// read real registries. It lives with its one user, so the Registry library needs no evaluator. The evaluation is synchronous; each call blocks on the client.
struct RegistryLabelSource: ImageLabelSource, Sendable {
    /// The client (shared with the copier: one token cache per run).
    var client: RegistryClient

    /// A source over `client`.
    init(client: RegistryClient) { self.client = client }

    func tags(registry: String, repository: String) throws -> [String] {
        let client = self.client
        return try Blocking.run { () async throws -> [String] in
            do {
                return try await client.tags(registry: registry, repository: repository)
            } catch {
                throw Self.translate(error)
            }
        }
    }

    func labels(registry: String, repository: String, tag: String) throws -> [(key: String, value: YAMLValue)] {
        let client = self.client
        let labels = try Blocking.run { () async throws -> [LabelPair] in
            do {
                return try await client.labels(ImageReference(registry: registry, repository: repository, reference: tag))
                    .map { LabelPair(key: $0.key, value: $0.value) }
            } catch {
                throw Self.translate(error)
            }
        }
        return labels.map { (key: $0.key, value: YAMLValue(json: $0.value)) }
    }

    /// A `HEAD` of the tag's manifest.
    func tagExists(registry: String, repository: String, tag: String) throws -> Bool {
        let client = self.client
        return try Blocking.run { () async throws -> Bool in
            do {
                return try await client.tagExists(ImageReference(registry: registry, repository: repository, reference: tag))
            } catch {
                throw Self.translate(error)
            }
        }
    }

    /// A label as a Sendable pair.
    struct LabelPair: Sendable {
        var key: String
        var value: JSONValue
    }

    static func translate(_ error: any Error) -> any Error {
        if case .notFound(let message)? = error as? RegistryError { return ImagePrepareError.imageNotFound(message) }
        return error
    }
}
