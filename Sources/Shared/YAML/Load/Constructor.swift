import Digest

/// PyYAML's `SafeConstructor` over a ``NodeGraph``: merge keys (`flatten_mapping`), tag constructors, dict
/// semantics (Python-equal keys collapse: first key object kept, last value wins), and object identity
/// (a node reached twice becomes ``YAMLValue/shared(_:_:)``).
struct Constructor {
    private var graph: NodeGraph
    private let limits: YAML.Limits
    private var memo: [YAMLValue?]
    private var sharedIDs: [Int: YAMLObjectID] = [:]
    /// Flattened pairs per mapping node (merge keys applied).
    private var flattened: [Int: [(key: Int, value: Int)]] = [:]

    init(_ graph: NodeGraph, limits: YAML.Limits) {
        self.graph = graph
        self.limits = limits
        memo = Array(repeating: nil, count: graph.nodes.count)
    }

    mutating func construct() throws(YAMLError) -> YAMLValue? {
        guard let root = graph.root else { return nil }
        try flattenAll()
        try checkExpansion(root: root)
        markShared(root: root)
        // Bottom-up in completion order: every child (alias targets and merge sources included) is built
        // before its parent, so construction needs no recursion however deep the document is.
        let reachable = reachableNodes(from: root)
        for index in graph.completionOrder where reachable[index] {
            var value = try constructFresh(index)
            if let id = sharedIDs[index] { value = .shared(id, value) }
            memo[index] = value
        }
        guard let value = memo[root] ?? nil else { return nil }
        return sharedIDs.isEmpty ? value : Self.dropUnsharedWrappers(value)
    }

    private func reachableNodes(from root: Int) -> [Bool] {
        var seen = Array(repeating: false, count: graph.nodes.count)
        var stack = [root]
        seen[root] = true
        while let index = stack.popLast() {
            for child in children(index) where !seen[child] {
                seen[child] = true
                stack.append(child)
            }
        }
        return seen
    }

    // MARK: Merge keys

    /// `flatten_mapping` for every mapping, children first (a merge source is always completed before the
    /// mapping that merges it, so its own merges are already applied, as PyYAML's recursion would do).
    private mutating func flattenAll() throws(YAMLError) {
        for index in graph.completionOrder {
            guard case .mapping(let pairs) = graph.nodes[index].content, graph.nodes[index].tag != .omap,
                graph.nodes[index].tag != .pairs
            else { continue }
            var merge: [(key: Int, value: Int)] = []
            var own: [(key: Int, value: Int)] = []
            for pair in pairs {
                let keyNode = graph.nodes[pair.key]
                if keyNode.tag == .merge {
                    let valueNode = graph.nodes[pair.value]
                    switch valueNode.content {
                    case .mapping:
                        merge += flattened[pair.value] ?? []
                    case .sequence(let items):
                        var submerge: [[(key: Int, value: Int)]] = []
                        for item in items {
                            guard case .mapping = graph.nodes[item].content else {
                                throw constructorError(
                                    "expected a mapping for merging, but found \(kindName(item))", at: item,
                                    context: "while constructing a mapping", contextNode: index)
                            }
                            submerge.append(flattened[item] ?? [])
                        }
                        for sub in submerge.reversed() { merge += sub }
                    case .scalar:
                        throw constructorError(
                            "expected a mapping or list of mappings for merging, but found scalar", at: pair.value,
                            context: "while constructing a mapping", contextNode: index)
                    }
                } else {
                    if keyNode.tag == .value { graph.nodes[pair.key].tag = .str }
                    own.append(pair)
                }
            }
            flattened[index] = merge + own
        }
    }

    private func children(_ index: Int) -> [Int] {
        switch graph.nodes[index].content {
        case .scalar: []
        case .sequence(let items): items
        case .mapping(let pairs): (flattened[index] ?? pairs).flatMap { [$0.key, $0.value] }
        }
    }

    // MARK: Guards

    /// Refuses documents whose aliases expand to more than `maxNodes` nodes or `maxDepth` levels
    /// ("billion laughs"), before anything is built.
    private func checkExpansion(root: Int) throws(YAMLError) {
        var size = Array(repeating: 0, count: graph.nodes.count)
        var depth = Array(repeating: 0, count: graph.nodes.count)
        let cap = limits.maxNodes + 1
        for index in graph.completionOrder {
            var s = 1
            var d = 0
            for child in children(index) {
                s = min(cap, s + size[child])
                d = max(d, depth[child])
            }
            size[index] = s
            depth[index] = d + 1
        }
        if size[root] > limits.maxNodes {
            throw YAMLError(.limit, "aliases expand to more than \(limits.maxNodes) nodes")
        }
        if depth[root] > limits.maxDepth + 1 {
            throw YAMLError(.limit, "aliases expand to more than \(limits.maxDepth) levels of nesting")
        }
    }

    // MARK: Identity

    /// Gives an identity to every list/dict/timestamp node referenced more than once.
    private mutating func markShared(root: Int) {
        var references = Array(repeating: 0, count: graph.nodes.count)
        references[root] = 1
        for index in graph.completionOrder {
            for child in children(index) { references[child] += 1 }
        }
        for (index, count) in references.enumerated() where count > 1 {
            let node = graph.nodes[index]
            let identifiable: Bool
            switch node.content {
            case .scalar: identifiable = node.tag == .timestamp
            case .sequence, .mapping: identifiable = true
            }
            if identifiable { sharedIDs[index] = YAMLObjectID() }
        }
    }

    /// Removes `.shared` wrappers whose object ends up referenced once (e.g. its alias sat under a duplicate
    /// key that a later one replaced), so `load` reports identity only where `yaml.dump` would anchor.
    private static func dropUnsharedWrappers(_ value: YAMLValue) -> YAMLValue {
        var counts: [YAMLObjectID: Int] = [:]
        func count(_ v: YAMLValue) {
            switch v {
            case .shared(let id, let inner):
                counts[id, default: 0] += 1
                if counts[id] == 1 { count(inner) }
            case .sequence(let items): items.forEach(count)
            case .mapping(let pairs):
                for pair in pairs {
                    count(pair.key)
                    count(pair.value)
                }
            default: break
            }
        }
        count(value)
        guard counts.values.contains(where: { $0 == 1 }) else { return value }
        func rebuild(_ v: YAMLValue) -> YAMLValue {
            switch v {
            case .shared(let id, let inner):
                return counts[id] == 1 ? rebuild(inner) : .shared(id, rebuild(inner))
            case .sequence(let items): return .sequence(items.map(rebuild))
            case .mapping(let pairs): return .mapping(pairs.map { YAMLPair(rebuild($0.key), rebuild($0.value)) })
            default: return v
            }
        }
        return rebuild(value)
    }

    // MARK: Construction

    /// A child's value (already built: children complete before their parents).
    private func construct(_ index: Int) throws(YAMLError) -> YAMLValue {
        guard let value = memo[index] else {
            throw constructorError("internal: node constructed out of order", at: index)
        }
        return value
    }

    private mutating func constructFresh(_ index: Int) throws(YAMLError) -> YAMLValue {
        let node = graph.nodes[index]
        switch node.tag {
        case .str:
            return .string(try scalar(index))
        case .null:
            _ = try scalar(index)
            return .null
        case .bool:
            let text = try scalar(index)
            switch String(decoding: Array(text.utf8).map(asciiLower), as: UTF8.self) {
            case "yes", "true", "on": return .bool(true)
            case "no", "false", "off": return .bool(false)
            default: throw constructorError("invalid boolean value '\(text)'", at: index)
            }
        case .int:
            let text = try scalar(index)
            guard let digits = constructInt(text) else {
                throw constructorError("invalid literal for int(): '\(text)'", at: index)
            }
            return .int(digits)
        case .float:
            let text = try scalar(index)
            guard let d = PythonFloat.construct(text) else {
                throw constructorError("could not convert string to float: '\(text)'", at: index)
            }
            return .float(d)
        case .binary:
            let text = try scalar(index)
            guard text.unicodeScalars.allSatisfy(\.isASCII) else {
                throw constructorError("failed to convert base64 data into ascii", at: index)
            }
            switch Base64.pythonDecode(Array(text.utf8)) {
            case .success(let bytes): return .binary(bytes)
            case .failure(.incorrectPadding):
                throw constructorError("failed to decode base64 data: Incorrect padding", at: index)
            case .failure(.oneExtraCharacter):
                throw constructorError(
                    "failed to decode base64 data: Invalid base64-encoded string: number of data characters cannot be 1 more than a multiple of 4",
                    at: index)
            }
        case .timestamp:
            let text = try scalar(index)
            switch YAMLTimestamp.construct(text) {
            case .success(let t): return .timestamp(t)
            case .failure(.noMatch): throw constructorError("invalid timestamp '\(text)'", at: index)
            case .failure(.range(let why)): throw constructorError("invalid timestamp '\(text)': \(why)", at: index)
            }
        case .seq:
            guard case .sequence(let items) = node.content else {
                throw constructorError("expected a sequence node, but found \(kindName(index))", at: index)
            }
            var out: [YAMLValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try construct(item)) }
            return .sequence(out)
        case .map:
            guard case .mapping = node.content else {
                throw constructorError("expected a mapping node, but found \(kindName(index))", at: index)
            }
            return .mapping(try constructPairs(index))
        case .set, .omap, .pairs:
            throw YAMLError(
                .limit, "the tag '\(node.tag.text)' is not supported", line: node.line, column: node.column)
        case .merge, .value, .yaml, .other:
            throw constructorError("could not determine a constructor for the tag '\(node.tag.text)'", at: index)
        }
    }

    /// `construct_mapping`: Python dict assignment in flattened order.
    private mutating func constructPairs(_ index: Int) throws(YAMLError) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        var positions: [PythonKey: Int] = [:]
        for (keyIndex, valueIndex) in flattened[index] ?? [] {
            let key = try construct(keyIndex)
            guard let hashKey = PythonKey(key, nanToken: keyIndex) else {
                throw constructorError(
                    "found unhashable key", at: keyIndex, context: "while constructing a mapping", contextNode: index)
            }
            let value = try construct(valueIndex)
            if let at = positions[hashKey] {
                pairs[at].value = value
            } else {
                positions[hashKey] = pairs.count
                pairs.append(YAMLPair(key, value))
            }
        }
        return pairs
    }

    private func scalar(_ index: Int) throws(YAMLError) -> String {
        guard case .scalar(let text) = graph.nodes[index].content else {
            throw constructorError("expected a scalar node, but found \(kindName(index))", at: index)
        }
        return text
    }

    private func kindName(_ index: Int) -> String {
        switch graph.nodes[index].content {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }

    private func constructorError(
        _ problem: String, at index: Int, context: String? = nil, contextNode: Int? = nil
    ) -> YAMLError {
        let node = graph.nodes[index]
        let c = contextNode.map { graph.nodes[$0] }
        return YAMLError(
            .constructor, problem, line: node.line, column: node.column, context: context,
            contextLine: c?.line ?? 0, contextColumn: c?.column ?? 0)
    }
}

/// A dict key as Python hashes and compares it (`1 == 1.0 == True`; NaN never equal to another NaN).
enum PythonKey: Hashable {
    case none
    case integer(String)  // canonical decimal; integral floats and bools land here too
    case float(UInt64)  // non-integral finite floats, infinities
    case nan(Int)
    case string([UInt8])
    case bytes([UInt8])
    case date(Int, Int, Int)
    case naive(Int, Int, Int, Int, Int, Int, Int)
    case aware(Int, Int)

    /// nil for an unhashable key (list, dict).
    init?(_ value: YAMLValue, nanToken: Int) {
        switch value.unshared {
        case .null: self = .none
        case .bool(let b): self = .integer(b ? "1" : "0")
        case .int(let digits): self = .integer(digits)
        case .float(let d):
            if d.isNaN {
                self = .nan(nanToken)
            } else if isIntegral(d) {
                self = .integer(BigInt(exactly: d).decimal)
            } else {
                self = .float(d.bitPattern)
            }
        case .string(let s): self = .string(Array(s.utf8))
        case .binary(let b): self = .bytes(b)
        case .timestamp(let t):
            if let time = t.time {
                if time.utcOffsetMinutes == nil {
                    self = .naive(t.year, t.month, t.day, time.hour, time.minute, time.second, time.microsecond)
                } else {
                    let key = t.utcMinutesKey
                    self = .aware(key.minutes, key.micro)
                }
            } else {
                self = .date(t.year, t.month, t.day)
            }
        case .sequence, .mapping, .shared: return nil
        }
    }
}
