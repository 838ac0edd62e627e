public import YAML

/// The substitutions an entry's images are rendered with: the entry's `set`, completed from the
/// map's default `set` (tripleo-common's `container_images_template_inputs`).
public struct TemplateMapping: Sendable, Equatable {
    private var values: [String: YAMLValue]

    /// The mapping for `set`: each default fills in a key `set` lacks; then a non-empty `name_prefix`
    /// gets a trailing `-` and a non-empty `name_suffix` a leading `-` if missing.
    /// - Throws: ``ImagePrepareError/invalidInput(_:)`` when a truthy prefix or suffix is not a string
    ///   (tripleo-common fails with an `AttributeError` there).
    public init(set: [(key: String, value: YAMLValue)], defaults: [(key: String, value: YAMLValue)]) throws(ImagePrepareError) {
        var values: [String: YAMLValue] = [:]
        for (key, value) in set { values[key] = value }
        for (key, value) in defaults where values[key] == nil { values[key] = value }
        if let prefix = values["name_prefix"], prefix.isTruthy {
            guard let text = prefix.stringValue else { throw .invalidInput("set.name_prefix: expected a string, got \(prefix.pythonRepr)") }
            if !text.hasSuffix("-") { values["name_prefix"] = .string(text + "-") }
        }
        if let suffix = values["name_suffix"], suffix.isTruthy {
            guard let text = suffix.stringValue else { throw .invalidInput("set.name_suffix: expected a string, got \(suffix.pythonRepr)") }
            if !text.hasPrefix("-") { values["name_suffix"] = .string("-" + text) }
        }
        self.values = values
    }

    /// The value of a template variable (`nil`: undefined, which Jinja renders as `""`).
    public subscript(name: String) -> YAMLValue? { values[name] }

    /// `template` with every `{{ variable }}` replaced the way Jinja2 does it (`str(value)`, so `None`
    /// renders `None` and `2.3` renders `2.3`; undefined renders empty), then read back as the
    /// double-quoted YAML scalar the template line is (so `\` escapes mean what they mean to PyYAML).
    /// - Throws: ``ImagePrepareError/invalidMap(_:)`` for a malformed placeholder or a value that breaks the quoting.
    public func render(_ template: String) throws(ImagePrepareError) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else { throw .invalidMap("image template '\(template)': '{{' is never closed") }
            let name = afterOpen[..<close.lowerBound].trimmingSpaces
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw .invalidMap(
                    "image template '\(template)': only {{ variable }} placeholders are supported, not {{\(afterOpen[..<close.lowerBound])}}")
            }
            out += values[String(name)]?.pythonStr ?? ""
            rest = afterOpen[close.upperBound...]
        }
        out += rest
        guard out.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline || $0 == "\t" }) else { return out }
        do {
            guard let value = try YAML.load("\"" + out + "\""), let text = value.stringValue else {
                throw ImagePrepareError.invalidInput("image name \(out): not a string once read as YAML")
            }
            return text
        } catch let error as ImagePrepareError {
            throw error
        } catch {
            throw .invalidInput("image name \"\(out)\" breaks the image template's YAML quoting: \(error)")
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
