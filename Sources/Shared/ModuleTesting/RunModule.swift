public import JSON
public import ModuleKit

/// Runs a module in process exactly as the binary would, on an in-memory host.
/// - Parameters:
///   - args: the module's options (as Ansible would put them in the args file).
///   - check: `_ansible_check_mode`; `diff`: `_ansible_diff`.
/// - Returns: the JSON object the binary would print.
public func runModule(
    _ module: any AnsibleModule.Type, args: JSONObject, files: MemoryFileSystem = MemoryFileSystem(),
    check: Bool = false, diff: Bool = false
) -> JSONObject {
    var object = args
    object["_ansible_check_mode"] = .bool(check)
    object["_ansible_diff"] = .bool(diff)
    object["_ansible_module_name"] = .string(module.name)
    return ModuleExecution.run(module, Invocation(object), files: files)
}
