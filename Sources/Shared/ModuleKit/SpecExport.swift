import JSON

/// The argument spec as JSON, in Ansible's `argument_spec` vocabulary (`<module> --spec`), so
/// tests can hold the doc sidecars to the code.
enum SpecExport {
    static func json(_ spec: ModuleSpec) -> JSONValue {
        var o = JSONObject()
        o["supports_check_mode"] = .bool(spec.supportsCheckMode)
        o["options"] = options(spec)
        if !spec.mutuallyExclusive.isEmpty { o["mutually_exclusive"] = groups(spec.mutuallyExclusive) }
        if !spec.requiredTogether.isEmpty { o["required_together"] = groups(spec.requiredTogether) }
        if !spec.requiredOneOf.isEmpty { o["required_one_of"] = groups(spec.requiredOneOf) }
        if !spec.requiredIf.isEmpty {
            o["required_if"] = .array(
                spec.requiredIf.map { rule in
                    .array(
                        [.string(rule.key), rule.value, groups([rule.requirements]).arrayValue?.first ?? .array([])]
                            + (rule.anyOf ? [.bool(true)] : []))
                })
        }
        return .object(o)
    }

    private static func groups(_ g: [[String]]) -> JSONValue {
        .array(g.map { .array($0.map { .string($0) }) })
    }

    private static func options(_ spec: ModuleSpec) -> JSONValue {
        var out = JSONObject()
        for p in spec.params {
            var o = JSONObject()
            o["type"] = .string(p.type.rawValue)
            if let e = p.elements { o["elements"] = .string(e.rawValue) }
            if p.required { o["required"] = .bool(true) }
            if let d = p.defaultValue { o["default"] = d }
            if let c = p.choices { o["choices"] = .array(c) }
            if !p.aliases.isEmpty { o["aliases"] = .array(p.aliases.map { .string($0) }) }
            if p.noLog { o["no_log"] = .bool(true) }
            if let sub = p.options { o["options"] = options(sub) }
            out[p.name] = .object(o)
        }
        return .object(out)
    }
}
