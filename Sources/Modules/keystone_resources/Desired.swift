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
        let auth = params.options("auth")
        self.auth = AuthSettings(
            url: auth.text("auth_url"), username: auth.text("username"), password: auth.text("password"),
            projectName: auth.text("project_name"), userDomain: auth.text("user_domain_name"),
            projectDomain: auth.text("project_domain_name"))
        region = params.text("region_name")
        for (index, o) in params.entries("services").enumerated() {
            let name = o.text("name")
            var endpoints: [(interface: String, url: String)] = []
            for e in o.entries("endpoints") {
                let interface = e.text("interface")
                if endpoints.contains(where: { $0.interface == interface }) {
                    throw ModuleFailure("services[\(index)] (\(name)): interface '\(interface)' is given twice")
                }
                endpoints.append((interface, e.text("url")))
            }
            services.append(
                DesiredService(
                    name: name, type: o.text("type"), description: o.string("description"), enabled: o.bool("enabled"), endpoints: endpoints))
        }
        for o in params.entries("projects") {
            projects.append(
                DesiredProject(
                    name: o.text("name"), domain: o.text("domain"), description: o.string("description"), enabled: o.bool("enabled")))
        }
        for o in params.entries("users") {
            users.append(
                DesiredUser(
                    name: o.text("name"), password: o.string("password"), domain: o.text("domain"),
                    defaultProject: o.string("default_project"), enabled: o.bool("enabled"),
                    updatePassword: o.string("update_password") == "always"))
        }
        roles = params.strings("roles")
        for (index, o) in params.entries("role_assignments").enumerated() {
            let targets: [GrantTarget] = [
                o.string("project").map { GrantTarget.project(name: $0, domain: o.text("project_domain")) },
                o.string("domain").map { GrantTarget.domain($0) },
                o.string("system").map { _ in GrantTarget.system },
            ].compactMap { $0 }
            guard targets.count == 1, let target = targets.first else {
                throw ModuleFailure("role_assignments[\(index)]: give exactly one of project, domain, system")
            }
            if case .system = target, o.string("system") != "all" {
                throw ModuleFailure("role_assignments[\(index)]: system must be 'all'")
            }
            assignments.append(
                DesiredAssignment(
                    user: o.text("user"), userDomain: o.text("user_domain"), role: o.text("role"), target: target))
        }
    }
}
