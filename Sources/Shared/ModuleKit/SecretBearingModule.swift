public import JSON

/// A module whose arguments carry secrets inside options that are not `no_log` as a whole (for
/// example registry passwords inside a heat environment). Every value it names is scrubbed from
/// the whole result, like a `no_log` option's value.
public protocol SecretBearingModule: AnsibleModule {
    /// The secret strings inside the validated parameters.
    static func secrets(in params: JSONObject) -> Set<String>
}
