public import JSON

/// One module run as Ansible asked for it: the module's own options plus the `_ansible_*` keys.
public struct Invocation: Sendable {
    /// The options meant for the module (every `_ansible_*` key removed).
    public var arguments: JSONObject
    public var checkMode: Bool
    public var diffMode: Bool
    public var verbosity: Int
    public var noLog: Bool
    public var moduleName: String?
    public var tmpdir: String?
    public var remoteTmp: String?
    public var keepRemoteFiles: Bool
    public var ignoreUnknownOptions: Bool

    /// Splits an args-file object into the module's options and Ansible's internal keys.
    /// Unknown `_ansible_*` keys (newer or older cores) are ignored.
    public init(_ object: JSONObject) {
        var args = JSONObject()
        var ansibleKeys = JSONObject()
        for (key, value) in object {
            if key.hasPrefix("_ansible_") { ansibleKeys[key] = value } else { args[key] = value }
        }
        arguments = args
        func flag(_ key: String) -> Bool {
            switch ansibleKeys[key] {
            case .bool(let b): return b
            case .string(let s): return TypeConversion.truthy.contains(s.lowercased())
            case .int(let i): return i != 0
            default: return false
            }
        }
        checkMode = flag("_ansible_check_mode")
        diffMode = flag("_ansible_diff")
        noLog = flag("_ansible_no_log")
        keepRemoteFiles = flag("_ansible_keep_remote_files")
        ignoreUnknownOptions = flag("_ansible_ignore_unknown_opts")
        verbosity = ansibleKeys["_ansible_verbosity"]?.intValue ?? 0
        moduleName = ansibleKeys["_ansible_module_name"]?.stringValue
        tmpdir = ansibleKeys["_ansible_tmpdir"]?.stringValue
        remoteTmp = ansibleKeys["_ansible_remote_tmp"]?.stringValue
    }
}
