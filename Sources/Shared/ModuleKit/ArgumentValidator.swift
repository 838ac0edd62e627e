import JSON
import PythonCompat

/// Validates raw module arguments against a `ModuleSpec` the way Ansible's
/// `ArgumentSpecValidator` does: aliases, unsupported options, mutually exclusive, defaults,
/// required, types, choices, the cross-option rules, then sub-options. The first error wins and
/// its message uses Ansible's wording.
///
/// Deliberate difference: an explicit `null` counts as "not given" (defaults apply), which is
/// what `| default(omit)`-style playbooks expect.
struct ArgumentValidator {
    var moduleName: String
    var conversion: TypeConversion

    struct Outcome {
        var params: JSONObject
        var warnings: [String]
        var noLogValues: Set<String>
        /// The first validation error, already worded for the user.
        var error: String?
    }

    func validate(_ raw: JSONObject, spec: ModuleSpec, ignoreUnknown: Bool = false) -> Outcome {
        var state = State()
        let params = validate(raw, spec: spec, context: [], state: &state)
        var error = state.errors.first
        if error == nil, !state.unsupported.isEmpty, !ignoreUnknown {
            error =
                "Unsupported parameters for (\(moduleName)) module: "
                + state.unsupported.sorted().joined(separator: ", ")
                + ". Supported parameters include: " + supportedList(spec) + "."
        }
        return Outcome(params: params, warnings: state.warnings, noLogValues: state.noLogValues, error: error)
    }

    private struct State {
        var errors: [String] = []
        var warnings: [String] = []
        var unsupported: [String] = []
        var noLogValues: Set<String> = []
    }

    private func supportedList(_ spec: ModuleSpec) -> String {
        var text = spec.params.map(\.name).sorted().joined(separator: ", ")
        let aliases = spec.params.flatMap(\.aliases).sorted()
        if !aliases.isEmpty { text += " (" + aliases.joined(separator: ", ") + ")" }
        return text
    }

    private func foundIn(_ context: [String]) -> String {
        context.isEmpty ? "" : " found in \(context.joined(separator: " -> "))"
    }

    private func validate(_ raw: JSONObject, spec: ModuleSpec, context: [String], state: inout State) -> JSONObject {
        var params = JSONObject()
        // Aliases: the alias's value wins, with Ansible's warning when both are set.
        var given = JSONObject()
        for (key, value) in raw where !key.hasPrefix("_ansible_") || !context.isEmpty {
            guard !value.isNull else { continue }
            given[key] = value
        }
        var known: Set<String> = []
        for p in spec.params {
            known.insert(p.name)
            if let v = given[p.name] { params[p.name] = v }
            for alias in p.aliases {
                known.insert(alias)
                guard let v = given[alias] else { continue }
                if given[p.name] != nil {
                    state.warnings.append("Both option \(p.name) and its alias \(alias) are set.")
                }
                params[p.name] = v
            }
        }
        for key in given.keys where !known.contains(key) {
            state.unsupported.append((context + [key]).joined(separator: "."))
        }
        collectNoLog(spec, params, &state)

        for group in spec.mutuallyExclusive where group.filter({ params.contains($0) }).count > 1 {
            state.errors.append("parameters are mutually exclusive: \(group.joined(separator: "|"))\(foundIn(context))")
        }
        let missing = spec.params.filter { $0.required && !params.contains($0.name) }.map(\.name).sorted()
        if !missing.isEmpty {
            state.errors.append("missing required arguments: \(missing.joined(separator: ", "))\(foundIn(context))")
        }
        for p in spec.params where !params.contains(p.name) {
            if let d = p.defaultValue { params[p.name] = d }
        }
        for p in spec.params {
            guard let value = params[p.name] else { continue }
            if let converted = convert(value, p, context: context, state: &state) {
                params[p.name] = converted
                checkChoices(p, converted, context: context, state: &state)
            }
        }
        checkRules(spec, params, context: context, state: &state)
        collectNoLog(spec, params, &state)
        for p in spec.params {
            guard let sub = p.options, let value = params[p.name] else { continue }
            switch value {
            case .object(let object):
                params[p.name] = .object(validate(object, spec: sub, context: context + [p.name], state: &state))
            case .array(let items) where p.elements == .dict:
                params[p.name] = .array(
                    items.map { item in
                        guard case .object(let object) = item else { return item }
                        return .object(validate(object, spec: sub, context: context + [p.name], state: &state))
                    })
            default: break
            }
        }
        return params
    }

    private func convert(_ value: JSONValue, _ p: Param, context: [String], state: inout State) -> JSONValue? {
        var warning: String?
        let converted: JSONValue
        do {
            converted = try conversion.convert(value, to: p.type, warning: &warning)
        } catch {
            state.errors.append(
                "argument '\(p.name)' is of type \(PythonText.typeName(value))\(foundIn(context))"
                    + " and we were unable to convert to \(p.type.rawValue): \(error.reason)")
            return nil
        }
        if let warning, !p.noLog { state.warnings.append(warning) }
        guard p.type == .list, let elementType = p.elements, case .array(let items) = converted else { return converted }
        var out: [JSONValue] = []
        for item in items {
            var elementWarning: String?
            do {
                out.append(try conversion.convert(item, to: elementType, warning: &elementWarning))
            } catch {
                state.errors.append(
                    "Elements value for option '\(p.name)'\(foundIn(context)) is of type "
                        + "\(PythonText.typeName(item)) and we were unable to convert to \(elementType.rawValue): \(error.reason)")
                return nil
            }
            if let elementWarning, !p.noLog { state.warnings.append(elementWarning) }
        }
        return .array(out)
    }

    private func checkChoices(_ p: Param, _ value: JSONValue, context: [String], state: inout State) {
        guard let choices = p.choices else { return }
        let names = choices.map(PythonText.str).joined(separator: ", ")
        if case .array(let items) = value {
            let bad = items.filter { !choices.contains($0) }
            if !bad.isEmpty {
                state.errors.append(
                    "value of \(p.name) must be one or more of: \(names). Got no match for: "
                        + bad.map(PythonText.str).joined(separator: ", ") + foundIn(context))
            }
        } else if !choices.contains(value) {
            state.errors.append("value of \(p.name) must be one of: \(names), got: \(PythonText.str(value))\(foundIn(context))")
        }
    }

    private func checkRules(_ spec: ModuleSpec, _ params: JSONObject, context: [String], state: inout State) {
        for group in spec.requiredTogether {
            let present = group.filter { params.contains($0) }
            if !present.isEmpty && present.count < group.count {
                state.errors.append("parameters are required together: \(group.joined(separator: ", "))\(foundIn(context))")
            }
        }
        for group in spec.requiredOneOf where !group.contains(where: { params.contains($0) }) {
            state.errors.append("one of the following is required: \(group.joined(separator: ", "))\(foundIn(context))")
        }
        for rule in spec.requiredIf where params[rule.key] == rule.value {
            let missing = rule.requirements.filter { !params.contains($0) }
            let unmet = rule.anyOf ? missing.count == rule.requirements.count : !missing.isEmpty
            guard unmet else { continue }
            state.errors.append(
                "\(rule.key) is \(PythonText.str(rule.value)) but \(rule.anyOf ? "any" : "all") "
                    + "of the following are missing: \(missing.joined(separator: ", "))\(foundIn(context))")
        }
    }

    private func collectNoLog(_ spec: ModuleSpec, _ params: JSONObject, _ state: inout State) {
        for p in spec.params where p.noLog {
            if let v = params[p.name] { NoLog.collect(v, into: &state.noLogValues) }
        }
    }
}
