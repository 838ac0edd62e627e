import JSON
import ModuleKit

/// The admin credentials the module authenticates with.
struct AuthSettings {
    var url: String
    var username: String
    var password: String
    var projectName: String
    var userDomain: String
    var projectDomain: String
}

/// A catalog service and its endpoints (Kolla's `service_ks_register_services` entry).
struct DesiredService {
    var name: String
    var type: String
    var description: String?
    var enabled: Bool
    var endpoints: [(interface: String, url: String)]
}

struct DesiredProject {
    var name: String
    var domain: String
    var description: String?
    var enabled: Bool
}

struct DesiredUser {
    var name: String
    var password: String?
    var domain: String
    var defaultProject: String?
    var enabled: Bool
    /// `always`: the password is checked (by authenticating with it) and reset when it fails.
    var updatePassword: Bool
}

/// Where a role is granted.
enum GrantTarget: CustomStringConvertible {
    case project(name: String, domain: String)
    case domain(String)
    case system

    var description: String {
        switch self {
        case .project(let name, _): return "project \(name)"
        case .domain(let name): return "domain \(name)"
        case .system: return "system"
        }
    }
}

struct DesiredAssignment {
    var user: String
    var userDomain: String
    var role: String
    var target: GrantTarget
}

/// Everything the task asks for, read from the validated parameters.
struct Desired {
    var auth: AuthSettings
    var region: String
    var services: [DesiredService] = []
    var projects: [DesiredProject] = []
    var users: [DesiredUser] = []
    var roles: [String] = []
    var assignments: [DesiredAssignment] = []

    init(_ params: Params) throws {
        let auth = params.dict("auth") ?? JSONObject()
        self.auth = AuthSettings(
            url: auth["auth_url"]?.stringValue ?? "", username: auth["username"]?.stringValue ?? "admin",
            password: auth["password"]?.stringValue ?? "", projectName: auth["project_name"]?.stringValue ?? "admin",
            userDomain: auth["user_domain_name"]?.stringValue ?? "Default",
            projectDomain: auth["project_domain_name"]?.stringValue ?? "Default")
        region = params.string("region_name") ?? "RegionOne"
        for (index, item) in params.list("services").enumerated() {
            let o = item.objectValue ?? JSONObject()
            let name = o["name"]?.stringValue ?? ""
            var endpoints: [(interface: String, url: String)] = []
            for endpoint in o["endpoints"]?.arrayValue ?? [] {
                let e = endpoint.objectValue ?? JSONObject()
                let interface = e["interface"]?.stringValue ?? ""
                if endpoints.contains(where: { $0.interface == interface }) {
                    throw ModuleFailure("services[\(index)] (\(name)): interface '\(interface)' is given twice")
                }
                endpoints.append((interface, e["url"]?.stringValue ?? ""))
            }
            services.append(DesiredService(
                name: name, type: o["type"]?.stringValue ?? "", description: o["description"]?.stringValue,
                enabled: o["enabled"]?.boolValue ?? true, endpoints: endpoints))
        }
        for item in params.list("projects") {
            let o = item.objectValue ?? JSONObject()
            projects.append(DesiredProject(
                name: o["name"]?.stringValue ?? "", domain: o["domain"]?.stringValue ?? "Default",
                description: o["description"]?.stringValue, enabled: o["enabled"]?.boolValue ?? true))
        }
        for item in params.list("users") {
            let o = item.objectValue ?? JSONObject()
            users.append(DesiredUser(
                name: o["name"]?.stringValue ?? "", password: o["password"]?.stringValue, domain: o["domain"]?.stringValue ?? "Default",
                defaultProject: o["default_project"]?.stringValue, enabled: o["enabled"]?.boolValue ?? true,
                updatePassword: o["update_password"]?.stringValue == "always"))
        }
        roles = params.strings("roles")
        for (index, item) in params.list("role_assignments").enumerated() {
            let o = item.objectValue ?? JSONObject()
            let targets: [GrantTarget] = [
                o["project"]?.stringValue.map { GrantTarget.project(name: $0, domain: o["project_domain"]?.stringValue ?? "Default") },
                o["domain"]?.stringValue.map { GrantTarget.domain($0) },
                o["system"]?.stringValue.map { _ in GrantTarget.system },
            ].compactMap { $0 }
            guard targets.count == 1, let target = targets.first else {
                throw ModuleFailure("role_assignments[\(index)]: give exactly one of project, domain, system")
            }
            if case .system = target, o["system"]?.stringValue != "all" {
                throw ModuleFailure("role_assignments[\(index)]: system must be 'all'")
            }
            assignments.append(DesiredAssignment(
                user: o["user"]?.stringValue ?? "", userDomain: o["user_domain"]?.stringValue ?? "Default",
                role: o["role"]?.stringValue ?? "", target: target))
        }
    }
}
