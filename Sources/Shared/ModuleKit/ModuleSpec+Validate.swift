public import JSON

extension ModuleSpec {
    /// Validates `raw` as if it were a task's arguments (Ansible's conversions and wording), for
    /// modules that take several definitions in one task (for example one per container).
    /// - Parameters:
    ///   - moduleName: the name used in "Unsupported parameters for (NAME) module".
    ///   - context: prefix for the failure message, e.g. `services[memcached]`.
    /// - Throws: `ModuleFailure` with the first validation error.
    public func validate(_ raw: JSONObject, moduleName: String, context: String) throws(ModuleFailure) -> Params {
        let validator = ArgumentValidator(moduleName: moduleName, conversion: TypeConversion(expandPath: PathExpansion.expand))
        let outcome = validator.validate(raw, spec: self)
        if let error = outcome.error { throw ModuleFailure("\(context): \(NoLog.scrub(error, outcome.noLogValues))") }
        return Params(outcome.params)
    }
}
