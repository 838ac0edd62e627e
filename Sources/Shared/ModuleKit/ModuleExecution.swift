public import JSON
import Platform

/// Runs one module on one invocation and produces the JSON object Ansible reads. Never throws
/// and never traps: every failure becomes `{"failed": true, "msg": …}`.
public enum ModuleExecution {
    /// Validates, runs and renders. `files` is the target's file system (a fake in tests).
    public static func run(_ module: any AnsibleModule.Type, _ invocation: Invocation, files: any FileSystem) -> JSONObject {
        let name = invocation.moduleName ?? module.name
        let validator = ArgumentValidator(
            moduleName: name, conversion: TypeConversion(expandPath: PathExpansion.expand))
        let outcome = validator.validate(invocation.arguments, spec: module.spec, ignoreUnknown: invocation.ignoreUnknownOptions)
        var secrets = outcome.noLogValues
        if let bearer = module as? any SecretBearingModule.Type { secrets.formUnion(bearer.secrets(in: outcome.params)) }
        var result: ModuleResult
        if let error = outcome.error {
            result = ModuleResult(msg: error)
            result.failed = true
        } else if invocation.checkMode && !module.spec.supportsCheckMode {
            result = ModuleResult(msg: "remote module (\(name)) does not support check mode")
            result.skipped = true
        } else {
            let host = Host(
                checkMode: invocation.checkMode, diffMode: invocation.diffMode, verbosity: invocation.verbosity,
                moduleName: name, tmpdir: invocation.tmpdir, remoteTmp: invocation.remoteTmp,
                keepRemoteFiles: invocation.keepRemoteFiles, noLog: invocation.noLog, files: files)
            let params = Params(outcome.params, spec: module.spec)
            do {
                result = try module.run(params, on: host)
            } catch let failure as ModuleFailure {
                result = ModuleResult(changed: failure.changed, msg: failure.msg, fields: failure.extra)
                result.failed = true
            } catch {
                result = ModuleResult(msg: describe(error))
                result.failed = true
            }
            if !params.misreadNames.isEmpty {
                // A programmer error (a misspelt option name): never a silent nil.
                result = ModuleResult(
                    changed: result.changed,
                    msg: "internal error: \(name) read options its spec cannot give: "
                        + params.misreadNames.joined(separator: ", "))
                result.failed = true
            }
        }
        result.warnings = outcome.warnings + result.warnings
        var json = result.json
        let diff = json["diff"]
        json = NoLog.scrub(.object(json), secrets).objectValue ?? json
        if let diff { json["diff"] = diff }
        var invocationEcho = JSONObject()
        invocationEcho["module_args"] = NoLog.scrub(.object(NoLog.invocation(outcome.params, spec: module.spec, secrets: secrets)), secrets)
        json["invocation"] = .object(invocationEcho)
        return json
    }

    /// A sentence for an error that is not a `ModuleFailure`: known library errors describe
    /// themselves; anything else is marked internal.
    static func describe(_ error: any Error) -> String {
        if let described = error as? any CustomStringConvertible {
            return String(describing: described)
        }
        return "internal error (\(type(of: error))): \(error)"
    }

    /// The failure object for a problem found before any module ran (unreadable args file, …).
    public static func failure(_ msg: String) -> JSONObject {
        var o = JSONObject()
        o["failed"] = .bool(true)
        o["changed"] = .bool(false)
        o["msg"] = .string(msg)
        return o
    }
}
