import JSON

/// Tag lists, following `Link: <…>; rel="next"` pages (registries page long lists; tripleo-common
/// 18.0.0 reads only the first page, LP#2028260).
extension RegistryClient {
    /// All tags of `repository`, in registry order.
    /// - Throws: ``RegistryError/notFound(_:)`` when the repository does not exist.
    public func tags(registry: String, repository: String, pageSize: Int? = nil) async throws(RegistryError) -> [String] {
        var path: String? = "/v2/\(repository)/tags/list" + (pageSize.map { "?n=\($0)" } ?? "")
        var tags: [String] = []
        var pages = 0
        let subject = "\(registry)/\(repository)"
        while let current = path {
            pages += 1
            guard pages <= 10_000 else { throw .invalidResponse("\(subject): the tag list does not end") }
            let response = try await send(
                Call(
                    method: "GET", registry: registry, path: current, scopes: [Scope.pull(repository)], subject: subject))
            if response.status == 404 {
                await response.body.drain()
                throw .notFound("Not found image: docker://\(subject)")
            }
            try await expect(response, [200], subject: subject, action: "listing tags")
            let body: [UInt8]
            do {
                body = try await response.body.collect(limit: 64 << 20)
            } catch {
                throw .transport("\(subject): reading the tag list: \(error)")
            }
            guard case .object(let object)? = try? JSONParser().parse(body) else {
                throw .invalidResponse("\(subject): the tag list is not JSON")
            }
            tags += object["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            path = response.header("Link").flatMap(Self.nextLink)
        }
        return tags
    }

    /// The target of `rel="next"` in a `Link` header (`</v2/x/tags/list?n=2&last=b>; rel="next"`).
    static func nextLink(_ header: String) -> String? {
        for part in header.split(separator: ",") {
            guard part.contains("rel=\"next\"") || part.contains("rel=next"),
                let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close
            else { continue }
            let target = String(part[part.index(after: open)..<close])
            if let parts = URLParts(target) { return parts.pathAndQuery }
            return target.hasPrefix("/") ? target : "/" + target
        }
        return nil
    }
}
