/// A section or key name, compared code point by code point as Python compares `str`
/// (Swift's `String ==` would also equate canonically equivalent spellings such as
/// `é` and `e` + U+0301, which oslo keeps apart).
struct ININame: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ININame, rhs: ININame) -> Bool {
        lhs.text.unicodeScalars.elementsEqual(rhs.text.unicodeScalars)
    }

    func hash(into hasher: inout Hasher) {
        for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
    }

    /// Kolla's `_ORPHAN_SECTION`: keys before the first header land here, and the writer
    /// omits its header. A source that names this section explicitly joins it (as in Kolla).
    static let orphan = ININame("TEMPORARY_ORPHAN_VARIABLE_SECTION")
}

/// Ordered sections of ordered keys; each key holds one value per assignment, and each
/// value is its lines (first line + continuation lines; `[]` for `key =`).
///
/// Mirrors Kolla's `OverrideConfigParser`: sections and keys keep first-appearance order.
struct INIDocument: Sendable {
    typealias Value = [String]

    struct Section: Sendable {
        let name: ININame
        private(set) var keys: [ININame] = []
        private(set) var values: [ININame: [Value]] = [:]

        init(name: ININame) { self.name = name }

        /// Within one source a repeated key gains another value (oslo multi-valued option).
        mutating func append(_ value: Value, to key: ININame) {
            if values[key] == nil { keys.append(key) }
            values[key, default: []].append(value)
        }

        /// Across sources a key's values are replaced wholesale; the key keeps its position.
        mutating func replace(_ key: ININame, with newValues: [Value]) {
            if values[key] == nil { keys.append(key) }
            values[key] = newValues
        }

        /// Keys in order with their values.
        var entries: [(key: ININame, values: [Value])] {
            keys.map { ($0, values[$0] ?? []) }
        }
    }

    private(set) var sections: [Section] = []
    private var sectionIndex: [ININame: Int] = [:]

    /// Returns the index of the named section, creating it at the end on first use.
    mutating func section(named name: ININame) -> Int {
        if let index = sectionIndex[name] { return index }
        sections.append(Section(name: name))
        sectionIndex[name] = sections.count - 1
        return sections.count - 1
    }

    mutating func append(_ value: Value, to key: ININame, inSection index: Int) {
        sections[index].append(value, to: key)
    }

    /// Kolla's per-source merge: new sections are appended; every key of `later`
    /// replaces the earlier values of that key.
    mutating func merge(_ later: INIDocument) {
        for section in later.sections {
            let index = self.section(named: section.name)
            for (key, values) in section.entries {
                sections[index].replace(key, with: values)
            }
        }
    }
}
