public import JSON
import PythonCompat

/// Ansible's type conversions for values that do not arrive as validated options (for example
/// Kolla's `common_options`, whose keys are merged into the options by the module itself).
public enum AnsibleTypes {
    /// `value` converted to `type` exactly as the argument validator would.
    /// - Throws: `ModuleFailure` worded like Ansible's, naming `option`.
    public static func convert(_ value: JSONValue, to type: ParamType, option: String) throws(ModuleFailure) -> JSONValue {
        var warning: String?
        do {
            return try TypeConversion(expandPath: PathExpansion.expand).convert(value, to: type, warning: &warning)
        } catch {
            throw ModuleFailure(
                "argument '\(option)' is of type \(PythonText.typeName(value)) and we were unable to convert to \(type.rawValue): \(error.reason)")
        }
    }

    /// Python's `repr` of a value, for messages that quote user input as Ansible does.
    public static func repr(_ value: JSONValue) -> String { PythonText.repr(value) }

    /// Python's `str` of a value.
    public static func str(_ value: JSONValue) -> String { PythonText.str(value) }
}
