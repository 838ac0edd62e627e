import JSON
public import ModuleKit

/// `keystone_resources`: what Kolla-Ansible's `service-ks-register` does with the OpenStack SDK in
/// the toolbox container — services, endpoints, projects, users, roles and role assignments over
/// Keystone's Identity v3 API — in one task and one token, state-based and idempotent.
/// In the deploy binary for its TLS-capable HTTP client (Keystone endpoints are often https).
/// User docs: collection/plugins/modules/keystone_resources.yml (a test keeps it equal to `spec`).
public enum KeystoneResources: AnsibleModule {
    public static let name = "keystone_resources"
    public static let summary = "Register Keystone services, endpoints, projects, users, roles and role assignments (Identity v3)"

    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .dict(
                "auth", required: true,
                options: ModuleSpec([
                    .str("auth_url", required: true),
                    .str("username", default: "admin"),
                    .str("password", required: true, noLog: true),
                    .str("project_name", default: "admin"),
                    .str("user_domain_name", default: "Default"),
                    .str("project_domain_name", default: "Default"),
                ])),
            .str("region_name", default: "RegionOne"),
            .list(
                "services", of: .dict, default: [],
                options: ModuleSpec([
                    .str("name", required: true),
                    .str("type", required: true),
                    .str("description"),
                    .bool("enabled", default: true),
                    .list(
                        "endpoints", of: .dict, default: [],
                        options: ModuleSpec([
                            .str("interface", required: true, choices: ["public", "internal", "admin"]),
                            .str("url", required: true),
                        ])),
                ])),
            .list(
                "projects", of: .dict, default: [],
                options: ModuleSpec([
                    .str("name", required: true),
                    .str("domain", default: "Default"),
                    .str("description"),
                    .bool("enabled", default: true),
                ])),
            .list(
                "users", of: .dict, default: [],
                options: ModuleSpec([
                    .str("name", required: true),
                    .str("password", noLog: true),
                    .str("domain", default: "Default"),
                    .str("default_project"),
                    .bool("enabled", default: true),
                    .str("update_password", default: "on_create", choices: ["on_create", "always"]),
                ])),
            .list("roles", of: .str, default: []),
            .list(
                "role_assignments", of: .dict, default: [],
                options: ModuleSpec([
                    .str("user", required: true),
                    .str("user_domain", default: "Default"),
                    .str("role", required: true),
                    .str("project"),
                    .str("project_domain", default: "Default"),
                    .str("domain"),
                    .str("system", choices: ["all"]),
                ])),
            .path("ca_file"),
            .bool("validate_certs", default: true),
            .int("timeout", default: 30),
            .int("retries", default: 10),
            .int("delay", default: 3),
        ])

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let transport = HTTPIdentityTransport(
            caFile: params.string("ca_file"), verify: params.bool("validate_certs"), timeout: Double(params.number("timeout")))
        defer { transport.shutdown() }
        return try run(params, on: host, transport: transport)
    }

    /// `run` over a given transport (the unit tests pass a fake Keystone).
    static func run(_ params: Params, on host: Host, transport: any IdentityTransport) throws -> ModuleResult {
        let desired = try Desired(params)
        let client = IdentityClient(
            authURL: desired.auth.url, transport: transport, retries: params.number("retries"),
            delay: Double(params.number("delay")))
        let reconciler = Reconciler(client: client, checkMode: host.checkMode, region: desired.region)
        do {
            try client.authenticate(desired.auth)
            try reconciler.apply(desired)
        } catch let error as IdentityError {
            var extra = JSONObject()
            extra["actions"] = .array(reconciler.actions.map { JSONValue.string($0) })
            if let status = error.status { extra["status"] = .int(status) }
            throw ModuleFailure(error.description, changed: reconciler.changed, extra: extra)
        }
        var result = ModuleResult(changed: reconciler.changed)
        result.set("actions", .array(reconciler.actions.map { JSONValue.string($0) }))
        result.set("resources", .array(reconciler.resources))
        if host.diffMode && reconciler.changed {
            result.diff = [
                Diff(
                    before: .object(reconciler.before), after: .object(reconciler.after),
                    beforeHeader: "keystone (before)", afterHeader: "keystone (after)")
            ]
        }
        return result
    }
}
