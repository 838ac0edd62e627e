/// PyYAML's `Composer` (`get_single_node`): events → a node graph in which an alias is a second reference
/// to the anchored node. Nodes live in an arena and refer to each other by index.
struct NodeGraph {
    enum Content {
        case scalar(String)
        case sequence([Int])
        case mapping([(key: Int, value: Int)])
    }

    struct Node {
        var tag: NodeTag
        var content: Content
        var line: Int
        var column: Int
    }

    var nodes: [Node] = []
    /// Indices in the order their nodes were completed (children before parents).
    var completionOrder: [Int] = []
    var root: Int?
}

/// A node's tag after PyYAML's resolution (`tag is None or tag == '!'` → resolver).
enum NodeTag: Equatable {
    case str, int, float, bool, null, timestamp, binary, merge, value, yaml
    case seq, map, set, omap, pairs
    case other(String)

    init(explicit tag: String) {
        guard tag.hasPrefix(Resolver.tagPrefix) else {
            self = .other(tag)
            return
        }
        switch tag.dropFirst(Resolver.tagPrefix.count) {
        case "str": self = .str
        case "int": self = .int
        case "float": self = .float
        case "bool": self = .bool
        case "null": self = .null
        case "timestamp": self = .timestamp
        case "binary": self = .binary
        case "merge": self = .merge
        case "value": self = .value
        case "yaml": self = .yaml
        case "seq": self = .seq
        case "map": self = .map
        case "set": self = .set
        case "omap": self = .omap
        case "pairs": self = .pairs
        default: self = .other(tag)
        }
    }

    init(implicit: ImplicitTag) {
        switch implicit {
        case .bool: self = .bool
        case .float: self = .float
        case .int: self = .int
        case .merge: self = .merge
        case .null: self = .null
        case .timestamp: self = .timestamp
        case .value: self = .value
        case .yaml: self = .yaml
        case .str: self = .str
        }
    }

    var text: String {
        switch self {
        case .other(let tag): tag
        case .str: Resolver.tagPrefix + "str"
        case .int: Resolver.tagPrefix + "int"
        case .float: Resolver.tagPrefix + "float"
        case .bool: Resolver.tagPrefix + "bool"
        case .null: Resolver.tagPrefix + "null"
        case .timestamp: Resolver.tagPrefix + "timestamp"
        case .binary: Resolver.tagPrefix + "binary"
        case .merge: Resolver.tagPrefix + "merge"
        case .value: Resolver.tagPrefix + "value"
        case .yaml: Resolver.tagPrefix + "yaml"
        case .seq: Resolver.tagPrefix + "seq"
        case .map: Resolver.tagPrefix + "map"
        case .set: Resolver.tagPrefix + "set"
        case .omap: Resolver.tagPrefix + "omap"
        case .pairs: Resolver.tagPrefix + "pairs"
        }
    }
}

struct Composer {
    let reader: EventReader
    let limits: YAML.Limits
    private var graph = NodeGraph()
    private var anchors: [String: Int] = [:]
    /// Nodes still being composed (an alias to one of them would be a recursive structure).
    private var open: Set<Int> = []

    init(_ text: String, limits: YAML.Limits) {
        reader = EventReader(text)
        self.limits = limits
    }

    /// The single document's graph (root nil for an empty stream).
    mutating func composeSingleDocument() throws(YAMLError) -> NodeGraph {
        _ = try reader.next()  // STREAM-START
        if case .streamEnd = try reader.peek().kind { return graph }
        let documentStart = try reader.next()
        graph.root = try composeRoot()
        _ = try reader.next()  // DOCUMENT-END
        let following = try reader.peek()
        if case .streamEnd = following.kind { return graph }
        throw YAMLError(
            .composer, "but found another document", line: following.line, column: following.column,
            context: "expected a single document in the stream",
            contextLine: documentStart.line, contextColumn: documentStart.column)
    }

    /// Iterative composition (no recursion, so nesting depth cannot exhaust the stack).
    private mutating func composeRoot() throws(YAMLError) -> Int {
        var stack: [Int] = []  // open collection nodes
        var pendingKey: [Int?] = []  // for mappings: key waiting for its value
        var result: Int?
        while true {
            let event = try reader.next()
            var completed: Int?
            switch event.kind {
            case .alias(let anchor):
                guard let target = anchors[anchor] else {
                    throw YAMLError(.composer, "found undefined alias '\(anchor)'", line: event.line, column: event.column)
                }
                if open.contains(target) {
                    throw YAMLError(
                        .limit, "found recursive alias '\(anchor)' (a collection that contains itself is not supported)",
                        line: event.line, column: event.column)
                }
                completed = target
            case .scalar(let value, let tag, let anchor, let plainImplicit, _):
                let nodeTag: NodeTag
                if tag == "!" {
                    // PyYAML's parser gives a `!`-tagged scalar implicit=(True, False) whatever its style or
                    // emptiness (`! 12` is an int, `- !` is None); libyaml does so only for non-empty ones.
                    nodeTag = NodeTag(implicit: Resolver.resolve(value))
                } else if tag == nil {
                    nodeTag = plainImplicit ? NodeTag(implicit: Resolver.resolve(value)) : .str
                } else {
                    nodeTag = NodeTag(explicit: tag ?? "")
                }
                let index = try add(
                    NodeGraph.Node(tag: nodeTag, content: .scalar(value), line: event.line, column: event.column), anchor: anchor, event: event)
                graph.completionOrder.append(index)
                completed = index
            case .sequenceStart(let tag, let anchor), .mappingStart(let tag, let anchor):
                let isMapping: Bool
                if case .mappingStart = event.kind { isMapping = true } else { isMapping = false }
                let nodeTag: NodeTag = (tag == nil || tag == "!") ? (isMapping ? .map : .seq) : NodeTag(explicit: tag ?? "")
                let content: NodeGraph.Content = isMapping ? .mapping([]) : .sequence([])
                let index = try add(
                    NodeGraph.Node(tag: nodeTag, content: content, line: event.line, column: event.column), anchor: anchor, event: event)
                guard stack.count < limits.maxDepth else {
                    throw YAMLError(.limit, "nesting deeper than \(limits.maxDepth) levels", line: event.line, column: event.column)
                }
                open.insert(index)
                stack.append(index)
                pendingKey.append(nil)
            case .sequenceEnd, .mappingEnd:
                guard let index = stack.popLast() else {
                    throw YAMLError(.syntax, "unbalanced collection end", line: event.line, column: event.column)
                }
                pendingKey.removeLast()
                open.remove(index)
                graph.completionOrder.append(index)
                completed = index
            default:
                throw YAMLError(.syntax, "unexpected event inside a document", line: event.line, column: event.column)
            }
            guard let node = completed else { continue }
            guard let parent = stack.last else {
                result = node
                break
            }
            switch graph.nodes[parent].content {
            case .sequence(var items):
                graph.nodes[parent].content = .scalar("")  // release the buffer so append does not copy
                items.append(node)
                graph.nodes[parent].content = .sequence(items)
            case .mapping(var pairs):
                if let key = pendingKey[pendingKey.count - 1] {
                    graph.nodes[parent].content = .scalar("")
                    pairs.append((key, node))
                    graph.nodes[parent].content = .mapping(pairs)
                    pendingKey[pendingKey.count - 1] = nil
                } else {
                    pendingKey[pendingKey.count - 1] = node
                }
            case .scalar:
                break
            }
        }
        guard let result else { throw YAMLError(.syntax, "empty document") }
        return result
    }

    private mutating func add(_ node: NodeGraph.Node, anchor: String?, event: ParseEvent) throws(YAMLError) -> Int {
        let index = graph.nodes.count
        if let anchor {
            if let first = anchors[anchor] {
                let f = graph.nodes[first]
                throw YAMLError(
                    .composer, "second occurrence", line: event.line, column: event.column,
                    context: "found duplicate anchor '\(anchor)'; first occurrence", contextLine: f.line,
                    contextColumn: f.column)
            }
            anchors[anchor] = index
        }
        graph.nodes.append(node)
        return index
    }
}
