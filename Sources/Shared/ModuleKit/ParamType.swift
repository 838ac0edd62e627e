/// The argument types Ansible's `argument_spec` knows, with its conversion rules.
public enum ParamType: String, Sendable, Equatable, CaseIterable {
    case str, bool, int, float, path, raw, list, dict, json
}
