public import YAML

/// tripleo-common's roles_data service filter: which heat service types the deployment enables.
public enum ServiceFilter {
    /// `get_enabled_services(environment, roles_data)`: `<Role>Services` → services, for every role.
    /// A role's count is `<Role>Count`, else its `CountDefault`, else 0; a counted role uses
    /// `<Role>Services` if the environment sets it, else its `ServicesDefault` minus services that
    /// `resource_registry` maps to `OS::Heat::None`; an uncounted role has none.
    /// - Throws: ``ImagePrepareError/invalidInput(_:)`` ("Unable to convert ComputeCount to an int: x").
    public static func enabledServices(environment: YAMLValue, roles: [YAMLValue]) throws(ImagePrepareError) -> [(key: String, value: [String])] {
        let parameters = environment["parameter_defaults"] ?? .mapping([])
        let registry = environment["resource_registry"]
        var result: [(key: String, value: [String])] = []
        for (index, role) in roles.enumerated() {
            guard let name = role["name"]?.pythonStr, role.mappingPairs != nil, role["name"] != nil else {
                throw .invalidInput("roles_data[\(index)]: a role needs a 'name'")
            }
            let count = try pythonInt(parameters["\(name)Count"] ?? role["CountDefault"] ?? .int("0"), "\(name)Count")
            let param = "\(name)Services"
            let services: [String]
            if count > 0 {
                if let given = parameters[param] {
                    services = try strings(given, param)
                } else {
                    services = withoutNoneServices(
                        try strings(role["ServicesDefault"] ?? .sequence([]), "roles_data[\(index)].ServicesDefault"), registry)
                }
            } else {
                services = []
            }
            if let at = result.firstIndex(where: { $0.key == param }) { result[at].value = services } else { result.append((param, services)) }
        }
        return result
    }

    /// `build_service_filter(environment, roles_data)`: `nil` (no filtering) without roles, else the
    /// union of every role's enabled services, minus those mapped to `OS::Heat::None`.
    public static func build(environment: YAMLValue, roles: [YAMLValue]) throws(ImagePrepareError) -> Set<String>? {
        guard !roles.isEmpty else { return nil }
        let enabled = try enabledServices(environment: environment, roles: roles)
        var filter: Set<String> = []
        for (_, services) in enabled { filter.formUnion(withoutNoneServices(services, environment["resource_registry"])) }
        return filter
    }

    private static func withoutNoneServices(_ services: [String], _ registry: YAMLValue?) -> [String] {
        guard let registry, registry.isTruthy else { return services }
        return services.filter { registry[$0]?.stringValue != "OS::Heat::None" }
    }

    private static func strings(_ value: YAMLValue, _ place: String) throws(ImagePrepareError) -> [String] {
        guard let items = value.sequenceItems else { throw .invalidInput("\(place): expected a list of services, got \(value.pythonRepr)") }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .invalidInput("\(place): expected service names, found \(item.pythonRepr)") }
            out.append(s)
        }
        return out
    }

    /// Python's `int(value)` for the values a count can hold.
    private static func pythonInt(_ value: YAMLValue, _ param: String) throws(ImagePrepareError) -> Int {
        switch value.unshared {
        case .int(let digits): if let n = Int(digits) { return n }
        case .bool(let b): return b ? 1 : 0
        case .float(let d) where d.isFinite && d.magnitude < 9e18: return Int(d)
        case .string(let s):
            var text = Substring(s)
            while let c = text.first, c.isWhitespace { text = text.dropFirst() }
            while let c = text.last, c.isWhitespace { text = text.dropLast() }
            let digits = text.replacingAll("_", "")
            if !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__"), let n = Int(digits) { return n }
        default: break
        }
        throw .invalidInput("Unable to convert \(param) to an int: \(value.pythonStr)")
    }
}

extension Substring {
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
