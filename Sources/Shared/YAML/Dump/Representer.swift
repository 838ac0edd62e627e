import Digest

/// A node of the representation graph (PyYAML's `ScalarNode`/`SequenceNode`/`MappingNode`).
struct DumpNode {
    enum Content {
        case scalar(String, style: ScalarStyle?)
        case sequence([Int])
        case mapping([(key: Int, value: Int)])
    }

    var tag: String
    var content: Content
}

enum ScalarStyle: Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// PyYAML's `Representer` (the default `yaml.dump` Dumper, `default_flow_style=False`, `sort_keys=True`)
/// for the objects `safe_load` builds: values → nodes. One node per shared object (`represented_objects`),
/// a new node for every other occurrence (`ignore_aliases` for str/int/float/bool/None/bytes).
struct Representer {
    private(set) var nodes: [DumpNode] = []
    private var represented: [YAMLObjectID: Int] = [:]

    mutating func represent(_ value: YAMLValue) -> Int {
        switch value {
        case .shared(let id, let inner):
            switch inner.unshared {
            case .sequence, .mapping, .timestamp:
                if let node = represented[id] { return node }
                let node = represent(inner.unshared)
                represented[id] = node
                return node
            default:
                return represent(inner)
            }
        case .null: return scalar("null", "null")
        case .bool(let b): return scalar("bool", b ? "true" : "false")
        case .int(let digits): return scalar("int", digits)
        case .float(let d): return scalar("float", PythonFloat.yamlText(d))
        case .string(let s): return scalar("str", s)
        case .binary(let bytes): return scalar("binary", Base64.encodeLines(bytes), style: .literal)
        case .timestamp(let t): return scalar("timestamp", t.isoFormat)
        case .sequence(let items):
            let index = add(DumpNode(tag: Resolver.tagPrefix + "seq", content: .sequence([])))
            let children = items.map { represent($0) }
            nodes[index].content = .sequence(children)
            return index
        case .mapping(let pairs):
            let index = add(DumpNode(tag: Resolver.tagPrefix + "map", content: .mapping([])))
            let ordered = YAMLValue.pythonSorted(pairs) ?? pairs
            var children: [(key: Int, value: Int)] = []
            children.reserveCapacity(ordered.count)
            for pair in ordered {
                let key = represent(pair.key)
                let value = represent(pair.value)
                children.append((key, value))
            }
            nodes[index].content = .mapping(children)
            return index
        }
    }

    private mutating func scalar(_ tag: String, _ value: String, style: ScalarStyle? = nil) -> Int {
        add(DumpNode(tag: Resolver.tagPrefix + tag, content: .scalar(value, style: style)))
    }

    private mutating func add(_ node: DumpNode) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }
}

/// PyYAML's `Serializer`: anchors (`id001`, numbered in the order a node is first met a *second* time
/// during a depth-first walk) and the event stream with each scalar's implicit flags from the resolver.
struct Serializer {
    let nodes: [DumpNode]

    func serialize(root: Int, into emitter: inout Emitter) {
        var anchors: [Int: String?] = [:]
        var lastAnchor = 0
        anchorNode(root, &anchors, &lastAnchor)
        var serialized: Set<Int> = []
        var events: [EmitEvent] = [.streamStart, .documentStart]
        serializeNode(root, anchors, &serialized, &events)
        events += [.documentEnd, .streamEnd]
        emitter.emit(events)
    }

    private func anchorNode(_ node: Int, _ anchors: inout [Int: String?], _ last: inout Int) {
        if let existing = anchors[node] {
            if existing == nil {
                last += 1
                anchors[node] = "id" + pad(last, 3)
            }
            return
        }
        anchors[node] = .some(nil)
        switch nodes[node].content {
        case .scalar: break
        case .sequence(let items): for item in items { anchorNode(item, &anchors, &last) }
        case .mapping(let pairs):
            for pair in pairs {
                anchorNode(pair.key, &anchors, &last)
                anchorNode(pair.value, &anchors, &last)
            }
        }
    }

    private func serializeNode(_ node: Int, _ anchors: [Int: String?], _ serialized: inout Set<Int>, _ events: inout [EmitEvent]) {
        let anchor = anchors[node] ?? nil
        if serialized.contains(node) {
            events.append(.alias(anchor: anchor ?? ""))
            return
        }
        serialized.insert(node)
        let n = nodes[node]
        switch n.content {
        case .scalar(let value, let style):
            let detected = Resolver.resolve(value)
            let tag = n.tag
            let plainImplicit = tag == Self.tagText(detected)
            let quotedImplicit = tag == Resolver.tagPrefix + "str"
            events.append(
                .scalar(
                    anchor: anchor, tag: tag, plainImplicit: plainImplicit, quotedImplicit: quotedImplicit,
                    value: Array(value.unicodeScalars), style: style))
        case .sequence(let items):
            events.append(.sequenceStart(anchor: anchor, tag: n.tag, implicit: n.tag == Resolver.tagPrefix + "seq"))
            for item in items { serializeNode(item, anchors, &serialized, &events) }
            events.append(.sequenceEnd)
        case .mapping(let pairs):
            events.append(.mappingStart(anchor: anchor, tag: n.tag, implicit: n.tag == Resolver.tagPrefix + "map"))
            for pair in pairs {
                serializeNode(pair.key, anchors, &serialized, &events)
                serializeNode(pair.value, anchors, &serialized, &events)
            }
            events.append(.mappingEnd)
        }
    }

    private static func tagText(_ tag: ImplicitTag) -> String {
        switch tag {
        case .bool: Resolver.tagPrefix + "bool"
        case .float: Resolver.tagPrefix + "float"
        case .int: Resolver.tagPrefix + "int"
        case .merge: Resolver.tagPrefix + "merge"
        case .null: Resolver.tagPrefix + "null"
        case .timestamp: Resolver.tagPrefix + "timestamp"
        case .value: Resolver.tagPrefix + "value"
        case .yaml: Resolver.tagPrefix + "yaml"
        case .str: Resolver.tagPrefix + "str"
        }
    }
}
