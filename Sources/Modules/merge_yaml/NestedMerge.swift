public import YAML

/// Kolla-Ansible's `Utils.update_nested_conf(conf, update, extend_lists)` (`ansible/action_plugins/merge_yaml.py`)
/// as a pure function: `merge_yaml` folds every source into `{}` with it, then dumps the result.
///
/// For each key of `update`, in order:
/// 1. the update value is a dict → `conf[k]` becomes the recursive merge of `conf.get(k, {})` and it;
/// 2. `conf[k]` is a list and `extendLists` → the update must be a list, appended (duplicates kept, items
///    never deep-merged); anything else fails with Kolla's message (``Failure``);
/// 3. otherwise `conf[k]` is replaced (a later `null` wins too).
///
/// Python's object semantics are reproduced, because `yaml.dump` shows them (`&id001`): keys compare like
/// Python's `==` (`1`, `1.0`, `true` are one key; an existing key keeps its spelling and position); dicts
/// reached through dict keys are rebuilt as new dicts, while lists, timestamps and everything inside lists
/// are carried over as the same objects, and `extend` grows the one list object wherever it appears. The
/// merge therefore runs on a small reference model of the Python objects (``YAMLValue/shared(_:_:)``
/// wrappers become one object) and converts back, wrapping every object reachable twice.
///
/// **Deliberate difference from Kolla:** when a later source turns a scalar, list or null into a
/// *non-empty* mapping, Kolla crashes (`TypeError: 'str' object does not support item assignment`,
/// `argument of type 'NoneType' is not iterable`, …); we take the later mapping instead. With an *empty*
/// mapping Kolla's loop does nothing and keeps the old value (`a: 1` + `a: {}` → `a: 1`); so do we.
/// One non-crash is kept as Kolla has it: a mapping whose keys are all ints over a list assigns list items
/// by index (`[a, b]` + `{0: z}` → `[z, b]`), see `applyToList`.
///
/// Callers reject a source whose top level is not a mapping before merging (Kolla fails there with
/// `AttributeError: ... has no attribute 'items'`); here such an `update` contributes nothing.
public enum NestedMerge {
    /// Kolla's `AnsibleModuleError` for a list merged with a non-list under `extend_lists`.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var key: YAMLValue
        /// The dict being updated, as it stood when the merge failed.
        public var dictionary: YAMLValue
        public var received: YAMLValue

        /// "Failure merging key `a` in dictionary `{'a': [1]}`. Expecting a list, but received: `2`, which is
        /// of type: `<class 'int'>`", with Python's `str()` of each part, as Kolla formats it.
        public var description: String {
            "Failure merging key `\(key.pythonStr)` in dictionary `\(dictionary.pythonStr)`. "
                + "Expecting a list, but received: `\(received.pythonStr)`, which is of type: `\(received.pythonTypeName)`"
        }
    }

    /// `update_nested_conf(conf, update, extend_lists)`, returning the updated `conf`.
    public static func merge(_ conf: YAMLValue, _ update: YAMLValue, extendLists: Bool = false) throws(Failure) -> YAMLValue {
        var objects = ObjectTable()
        let target = objects.box(conf)
        if target.kind != .dict {
            target.kind = .dict
            target.pairs = []
        }
        try apply(objects.box(update), to: target, extendLists)
        return PyObject.export(target)
    }

    /// merge_yaml's loop: `output = {}`, then `update_nested_conf(output, source, extend_lists)` per source.
    public static func merge(_ sources: [YAMLValue], extendLists: Bool = false) throws(Failure) -> YAMLValue {
        var objects = ObjectTable()
        let output = PyObject(dict: [])
        for source in sources { try apply(objects.box(source), to: output, extendLists) }
        return PyObject.export(output)
    }

    @discardableResult
    private static func apply(_ update: PyObject, to conf: PyObject, _ extendLists: Bool) throws(Failure) -> PyObject {
        guard update.kind == .dict else { return conf }
        for (k, v) in update.pairs {
            let index = conf.index(of: k)
            if v.kind == .dict {
                var target = PyObject(dict: [])  // conf.get(k, {})
                if let index {
                    let current = conf.pairs[index].value
                    if current.kind == .dict {
                        target = current
                    } else if v.pairs.isEmpty {
                        continue  // Kolla: update_nested_conf(old, {}) returns old unchanged
                    } else if current.kind == .list, try applyToList(v, current, extendLists) {
                        continue  // Python indexed the list with the dict's int keys (see applyToList)
                    }
                    // else: Kolla crashes on a non-empty dict over a non-dict; we take the new dict.
                }
                let merged = try apply(v, to: target, extendLists)
                conf.set(k, merged, at: index)
            } else if let index, extendLists, conf.pairs[index].value.kind == .list {
                guard v.kind == .list else {
                    throw Failure(key: PyObject.export(k), dictionary: PyObject.export(conf), received: PyObject.export(v))
                }
                let list = conf.pairs[index].value
                list.items += v.items  // list.extend: the same list object everywhere it appears
            } else {
                conf.set(k, v, at: index)
            }
        }
        return conf
    }
}

extension NestedMerge {
    /// Kolla's loop run with a *list* as `conf` (a later source put a dict where a list was). Python does not
    /// always crash there: int and bool keys index the list (`conf[1] = v`, negative indices count from the
    /// end) and `extend_lists` can extend an inner list. When every key works that way the list is updated
    /// in place and this returns true; if any step would raise (non-int key, index out of range, a dict value
    /// needing `list.get`), nothing is changed and it returns false so the caller takes the later dict.
    fileprivate static func applyToList(_ update: PyObject, _ list: PyObject, _ extendLists: Bool) throws(Failure) -> Bool {
        var plan: [(index: Int, key: PyObject, value: PyObject, extend: Bool)] = []
        var length = list.items.count
        var scratch = list.items
        for (k, v) in update.pairs {
            guard v.kind != .dict, k.kind == .leaf, let raw = pythonIndex(k.leaf) else { return false }
            let index = raw < 0 ? raw + length : raw
            guard index >= 0 && index < length else { return false }
            let member = scratch.contains { $0.kind == .leaf && $0.leaf.isSameKey(as: k.leaf) }
            let extend = member && extendLists && scratch[index].kind == .list
            if extend && v.kind != .list {
                throw Failure(key: PyObject.export(k), dictionary: PyObject.export(list), received: PyObject.export(v))
            }
            if !extend { scratch[index] = v }
            plan.append((index, k, v, extend))
            length = scratch.count
        }
        for step in plan {
            if step.extend {
                list.items[step.index].items += step.value.items
            } else {
                list.items[step.index] = step.value
            }
        }
        return true
    }

    /// A Python `int` (or `bool`) usable as a list index.
    private static func pythonIndex(_ key: YAMLValue) -> Int? {
        switch key.unshared {
        case .bool(let b): b ? 1 : 0
        case .int(let digits): Int(digits)
        default: nil
        }
    }
}

/// A Python object as merge_yaml sees it: lists and dicts are mutable and shared by reference.
private final class PyObject {
    enum Kind { case list, dict, leaf }

    var kind: Kind
    var items: [PyObject] = []
    var pairs: [(key: PyObject, value: PyObject)] = []
    var leaf: YAMLValue = .null

    init(leaf: YAMLValue) {
        kind = .leaf
        self.leaf = leaf
    }

    init(list: [PyObject]) {
        kind = .list
        items = list
    }

    init(dict: [(key: PyObject, value: PyObject)]) {
        kind = .dict
        pairs = dict
    }

    /// `k in dict` by Python `==`.
    func index(of key: PyObject) -> Int? {
        let probe = key.shallowValue
        return pairs.firstIndex { $0.key.shallowValue.isSameKey(as: probe) }
    }

    /// `dict[k] = v`: an existing key keeps its object and position.
    func set(_ key: PyObject, _ value: PyObject, at index: Int?) {
        if let index { pairs[index].value = value } else { pairs.append((key, value)) }
    }

    /// Keys are scalars (dict keys must be hashable), so their value is enough to compare them.
    var shallowValue: YAMLValue { kind == .leaf ? leaf : Self.export(self) }

    /// Back to a value tree; an object reachable more than once becomes `.shared` (lists, dicts and
    /// timestamps only: PyYAML never aliases str/int/float/bool/None/bytes).
    static func export(_ root: PyObject) -> YAMLValue {
        var references: [ObjectIdentifier: Int] = [:]
        func count(_ object: PyObject) {
            let id = ObjectIdentifier(object)
            references[id, default: 0] += 1
            guard references[id] == 1 else { return }
            switch object.kind {
            case .list: object.items.forEach(count)
            case .dict:
                for pair in object.pairs {
                    count(pair.key)
                    count(pair.value)
                }
            case .leaf: break
            }
        }
        count(root)
        var built: [ObjectIdentifier: YAMLValue] = [:]
        func build(_ object: PyObject) -> YAMLValue {
            let id = ObjectIdentifier(object)
            if let done = built[id] { return done }
            var value: YAMLValue
            switch object.kind {
            case .list: value = .sequence(object.items.map(build))
            case .dict: value = .mapping(object.pairs.map { YAMLPair(build($0.key), build($0.value)) })
            case .leaf: value = object.leaf
            }
            let identifiable: Bool
            switch value {
            case .sequence, .mapping, .timestamp: identifiable = true
            default: identifiable = false
            }
            if identifiable && (references[id] ?? 0) > 1 { value = .shared(YAMLObjectID(), value) }
            built[id] = value
            return value
        }
        return build(root)
    }
}

/// Turns value trees into objects: every occurrence of one `.shared` identity becomes the same object.
private struct ObjectTable {
    private var objects: [YAMLObjectID: PyObject] = [:]

    mutating func box(_ value: YAMLValue) -> PyObject {
        switch value {
        case .shared(let id, let inner):
            if let object = objects[id] { return object }
            let object = box(inner.unshared)
            objects[id] = object
            return object
        case .sequence(let items):
            return PyObject(list: items.map { box($0) })
        case .mapping(let pairs):
            return PyObject(dict: pairs.map { (box($0.key), box($0.value)) })
        default:
            return PyObject(leaf: value)
        }
    }
}
