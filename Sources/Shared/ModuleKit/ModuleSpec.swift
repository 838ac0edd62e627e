public import JSON

/// A module's whole argument spec: options plus Ansible's cross-option rules.
public struct ModuleSpec: Sendable {
    /// `required_if` rule: when `key` equals `value`, the `requirements` must be present
    /// (all of them, or at least one when `anyOf`).
    public struct RequiredIf: Sendable {
        public var key: String
        public var value: JSONValue
        public var requirements: [String]
        public var anyOf: Bool

        public init(_ key: String, _ value: JSONValue, _ requirements: [String], anyOf: Bool = false) {
            self.key = key
            self.value = value
            self.requirements = requirements
            self.anyOf = anyOf
        }
    }

    public var params: [Param]
    public var supportsCheckMode: Bool
    public var mutuallyExclusive: [[String]]
    public var requiredTogether: [[String]]
    public var requiredOneOf: [[String]]
    public var requiredIf: [RequiredIf]

    public init(
        supportsCheckMode: Bool = true, _ params: [Param], mutuallyExclusive: [[String]] = [],
        requiredTogether: [[String]] = [], requiredOneOf: [[String]] = [], requiredIf: [RequiredIf] = []
    ) {
        self.params = params
        self.supportsCheckMode = supportsCheckMode
        self.mutuallyExclusive = mutuallyExclusive
        self.requiredTogether = requiredTogether
        self.requiredOneOf = requiredOneOf
        self.requiredIf = requiredIf
    }

    /// The option named `name` (not an alias).
    public func param(_ name: String) -> Param? {
        params.first { $0.name == name }
    }

    /// Programmer errors in the spec itself (duplicate names or aliases, defaults outside
    /// `choices`, rules naming unknown options). Empty when the spec is sound; tests assert that.
    public func selfCheck(path: String = "") -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for p in params {
            for n in [p.name] + p.aliases {
                if !seen.insert(n).inserted { problems.append("\(path)\(n): name or alias used twice") }
            }
            if let d = p.defaultValue, let choices = p.choices {
                let values = d.arrayValue ?? [d]
                for v in values where !choices.contains(v) { problems.append("\(path)\(p.name): default outside choices") }
            }
            if p.required && p.defaultValue != nil { problems.append("\(path)\(p.name): required with a default") }
            if p.elements != nil && p.type != .list { problems.append("\(path)\(p.name): elements on a non-list") }
            if let sub = p.options { problems += sub.selfCheck(path: "\(path)\(p.name).") }
        }
        let names = Set(params.map(\.name))
        for group in mutuallyExclusive + requiredTogether + requiredOneOf {
            for n in group where !names.contains(n) { problems.append("\(path)rule names unknown option \(n)") }
        }
        for rule in requiredIf {
            for n in [rule.key] + rule.requirements where !names.contains(n) {
                problems.append("\(path)required_if names unknown option \(n)")
            }
        }
        return problems
    }
}
