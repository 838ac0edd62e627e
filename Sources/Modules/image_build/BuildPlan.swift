import JSON
import Platform

/// The renderer's plan (`image_templates.py`): the images of a rendered tree, parents first.
struct BuildPlan: Sendable, Equatable {
    /// One image of the tree.
    struct Image: Sendable, Equatable {
        /// The folder name (`keystone-base`).
        var name: String
        /// `namespace/prefix<name>:tag`.
        var canonical: String
        /// The parent's name when the first `FROM` names an image of the tree.
        var parent: String?
        /// The first `FROM` reference as rendered.
        var from: String?
        /// The rendered folder (build context).
        var context: String
        /// The context's files, relative to `context`, sorted (includes `Dockerfile`).
        var files: [String]
        /// `matched`, `unmatched` or `failed` (rendering failed).
        var status: String
        /// Why rendering failed.
        var error: String?
    }

    var tag: String
    var maintainer: String
    /// `version` / `release` labels (`tag_from_label`).
    var labels: [String: String]
    var buildArgs: [String: String]
    /// UTC time of the rendering (`org.opencontainers.image.created`).
    var created: String
    var images: [Image]

    /// Reads the plan at `path`.
    /// - Throws: `ModuleFailure`-ready text naming `plan` and the problem.
    static func load(_ path: String) throws(PlanError) -> BuildPlan {
        let bytes: [UInt8]
        do {
            guard let read = try Files.readIfPresent(path) else { throw PlanError("plan: \(path) does not exist") }
            bytes = read
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError("plan: cannot read \(path): \(error)")
        }
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw PlanError("plan: \(path) is not JSON: \(error)")
        }
        return try parse(value)
    }

    /// Builds a plan from its JSON form.
    static func parse(_ value: JSONValue) throws(PlanError) -> BuildPlan {
        guard let object = value.objectValue, let items = object["images"]?.arrayValue else {
            throw PlanError("plan: expected a mapping with an images list")
        }
        var images: [Image] = []
        var names: Set<String> = []
        for (index, item) in items.enumerated() {
            guard let name = item.objectValue?["name"]?.stringValue, !name.isEmpty,
                let canonical = item.objectValue?["canonical"]?.stringValue, let context = item.objectValue?["context"]?.stringValue
            else {
                throw PlanError("plan: images[\(index)] needs name, canonical and context")
            }
            guard names.insert(name).inserted else { throw PlanError("plan: image \(name) is listed twice") }
            images.append(
                Image(
                    name: name, canonical: canonical, parent: item.objectValue?["parent"]?.stringValue, from: item.objectValue?["from"]?.stringValue,
                    context: context, files: item.objectValue?["files"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    status: item.objectValue?["status"]?.stringValue ?? "matched", error: item.objectValue?["error"]?.stringValue))
        }
        return BuildPlan(
            tag: object["tag"]?.stringValue ?? "latest", maintainer: object["maintainer"]?.stringValue ?? "",
            labels: strings(object["labels"]), buildArgs: strings(object["build_args"]),
            created: object["created"]?.stringValue ?? "", images: images)
    }

    private static func strings(_ value: JSONValue?) -> [String: String] {
        var map: [String: String] = [:]
        for (key, item) in value?.objectValue ?? JSONObject() { map[key] = item.stringValue ?? JSONWriter().write(item) }
        return map
    }
}

/// A plan that cannot be used; the text is the module's `msg`.
struct PlanError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
