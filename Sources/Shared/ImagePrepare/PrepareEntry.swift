public import YAML

/// One `ContainerImagePrepare` entry, read once into types. Python truthiness is kept where
/// tripleo-common tests truthiness (`if includes:`), and "absent" stays distinct from "null" where
/// tripleo-common tells them apart (`modify_append_tag`).
public struct PrepareEntry: Sendable {
    /// Where the `push_destination` key points.
    public enum PushDestination: Sendable, Equatable {
        /// `host:port` (or any registry/namespace prefix).
        case registry(String)
        /// `true`: `LocalContainerRegistry` + `:8787`, else the discovered undercloud registry.
        case undercloud
    }

    /// `set`, in order.
    public var set: [(key: String, value: YAMLValue)]
    /// `tag_from_label` when truthy (a label name or a `{label}` template).
    public var tagFromLabel: String?
    /// `push_destination` when truthy.
    public var pushDestination: PushDestination?
    /// `pull_source` when truthy (deprecated upstream).
    public var pullSource: String?
    /// `includes` / `excludes` when non-empty.
    public var includes: [String]
    /// Patterns (see `includes`).
    public var excludes: [String]
    /// `modify_role` when truthy.
    public var modifyRole: String?
    /// `modify_vars` when truthy.
    public var modifyVars: YAMLValue?
    /// `modify_append_tag`: absent → `.none` (the run's `-modified-<timestamp>`), null → `.some(nil)`.
    public var modifyAppendTag: String??
    /// `modify_only_with_labels`: modify only images whose config has one of these labels.
    public var modifyOnlyWithLabels: [String]
    /// `modify_only_with_source`: modify only images whose map `image_source` is one of these.
    public var modifyOnlyWithSource: [String]
    /// Whether the entry has a `multi_arch` key (only presence matters upstream).
    public var hasMultiArchKey: Bool

    /// Reads entry number `index` of `ContainerImagePrepare`.
    /// - Throws: ``ImagePrepareError/invalidInput(_:)`` naming the key with the wrong shape.
    public init(_ value: YAMLValue, index: Int) throws(ImagePrepareError) {
        let at = "ContainerImagePrepare[\(index)]"
        guard value.mappingPairs != nil else { throw .invalidInput("\(at): expected a mapping, got \(value.pythonRepr)") }
        func string(_ key: String) throws(ImagePrepareError) -> String? {
            guard let v = value[key], v.isTruthy else { return nil }
            guard let s = v.stringValue else { throw .invalidInput("\(at).\(key): expected a string, got \(v.pythonRepr)") }
            return s
        }
        func strings(_ key: String) throws(ImagePrepareError) -> [String] {
            guard let v = value[key], v.isTruthy else { return [] }
            guard let items = v.sequenceItems else { throw .invalidInput("\(at).\(key): expected a list of strings, got \(v.pythonRepr)") }
            var out: [String] = []
            for item in items {
                guard let s = item.stringValue else { throw .invalidInput("\(at).\(key): expected a list of strings, found \(item.pythonRepr)") }
                out.append(s)
            }
            return out
        }
        if let given = value["set"] {
            guard let pairs = given.mappingPairs else { throw .invalidInput("\(at).set: expected a mapping, got \(given.pythonRepr)") }
            var set: [(key: String, value: YAMLValue)] = []
            for pair in pairs {
                guard let key = pair.key.stringValue else { throw .invalidInput("\(at).set: keys must be strings, found \(pair.key.pythonRepr)") }
                set.append((key, pair.value))
            }
            self.set = set
        } else {
            self.set = []
        }
        tagFromLabel = try string("tag_from_label")
        switch value["push_destination"]?.unshared {
        case .bool(true): pushDestination = .undercloud
        case let v? where v.isTruthy:
            guard let s = v.stringValue else { throw .invalidInput("\(at).push_destination: expected host:port or true, got \(v.pythonRepr)") }
            pushDestination = .registry(s)
        default: pushDestination = nil
        }
        pullSource = try string("pull_source")
        includes = try strings("includes")
        excludes = try strings("excludes")
        modifyRole = try string("modify_role")
        modifyVars = value["modify_vars"].flatMap { $0.isTruthy ? $0 : nil }
        switch value["modify_append_tag"]?.unshared {
        case nil: modifyAppendTag = .none
        case .null?: modifyAppendTag = .some(nil)
        case .string(let s)?: modifyAppendTag = .some(s)
        case let v?:
            guard !v.isTruthy else { throw .invalidInput("\(at).modify_append_tag: expected a string, got \(v.pythonRepr)") }
            modifyAppendTag = .some(nil)
        }
        modifyOnlyWithLabels = try strings("modify_only_with_labels")
        modifyOnlyWithSource = try strings("modify_only_with_source")
        hasMultiArchKey = value["multi_arch"] != nil
    }
}
