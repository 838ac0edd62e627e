import JSON
import ModuleKit

/// One container option, declared once (community.docker's `OptionGroup` + engine mapping): its
/// spec entry (name, type, default, choices), how it is read into `ContainerSpec`, how it enters
/// the create request, and how the comparison checks it. `KollaDockerSpec`, `ContainerSpec`,
/// `CreateRequest` and `ContainerComparison` all iterate `ContainerOptions.table`.
struct ContainerOption: Sendable {
    /// What parsing needs besides the option's value.
    struct Context {
        /// The host's time zone (`TZ`), asked only when the environment does not set it.
        var timeZone: () -> String
    }

    /// The create request being built: the body and its `HostConfig`.
    struct Request {
        var body = JSONObject()
        var host = JSONObject()
    }

    /// A comparison rule: the name it reports (`container_state` for `state`) and the rule.
    struct Check: Sendable {
        var name: String
        var run: @Sendable (ContainerComparison) -> ComparisonFailure?
    }

    typealias Parse = @Sendable (inout ContainerSpec, JSONValue?, Context) throws(ModuleFailure) -> Void
    typealias Create = @Sendable (ContainerSpec, EngineFlavor, inout Request) -> Void

    var param: Param
    var parse: Parse
    /// `nil`: the option does not reach the create request by itself (another option's mapping uses it).
    var create: Create?
    /// `nil`: not compared (or compared by another option's rule, as `restart_retries` by `restart_policy`).
    var compare: Check?

    var name: String { param.name }

    init(_ param: Param, parse: @escaping Parse, create: Create? = nil, compare: Check? = nil) {
        self.param = param
        self.parse = parse
        self.create = create
        self.compare = compare
    }
}

extension ContainerOption.Check {
    init(_ name: String, _ run: @escaping @Sendable (ContainerComparison) -> ComparisonFailure?) {
        self.init(name: name, run: run)
    }
}
