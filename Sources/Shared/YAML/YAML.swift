/// PyYAML-compatible YAML: `load` is `yaml.safe_load` (YAML 1.1 resolver, SafeConstructor) on libyaml's
/// parser; `dump` is PyYAML 6's `yaml.dump(data, default_flow_style=False, width=width)` (pure-Python
/// Dumper: keys sorted, `allow_unicode=False`, indent 2, block style), byte for byte.
///
/// `dump` does not use libyaml's emitter: it differs from PyYAML's pure-Python Emitter (how long
/// double-quoted scalars are folded, the `...` after a plain root scalar), so the Emitter is ported here.
public enum YAML {
    /// Guards PyYAML does not have; a document that exceeds them fails with ``YAMLError/Kind/limit``.
    public struct Limits: Sendable {
        /// Deepest collection nesting, counted after alias expansion.
        public var maxDepth: Int
        /// Most nodes the document may expand to once every alias is replaced by its target.
        public var maxNodes: Int

        public init(maxDepth: Int = 1000, maxNodes: Int = 1_000_000) {
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
        }
    }

    /// `yaml.safe_load(text)`: nil for an empty stream (or a document that is just `null`/`~`/nothing);
    /// a ``YAMLError`` for malformed YAML, more than one document (`expected a single document in the
    /// stream`), or a value SafeConstructor refuses.
    public static func load(_ text: String, limits: Limits = Limits()) throws(YAMLError) -> YAMLValue? {
        var composer = Composer(text, limits: limits)
        let graph = try composer.composeSingleDocument()
        try TabCheck.validate(text)
        var constructor = Constructor(graph, limits: limits)
        guard let value = try constructor.construct() else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// `yaml.dump(value, default_flow_style=False, width=width)`; `width` nil (or ≤ 4) means PyYAML's 80.
    public static func dump(_ value: YAMLValue, width: Int? = nil) -> String {
        var representer = Representer()
        let root = representer.represent(value)
        var emitter = Emitter(width: width)
        Serializer(nodes: representer.nodes).serialize(root: root, into: &emitter)
        return emitter.output
    }
}
