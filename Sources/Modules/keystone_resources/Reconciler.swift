import JSON

/// Brings Keystone to the desired resources, one kind after the other (roles, projects, services and
/// endpoints, users, grants): look up by name, create what is missing, update the attributes that
/// differ. In check mode nothing is written; a resource that would be created has no id (`nil`), and
/// whatever depends on it is reported as "would be created/granted".
final class Reconciler {
    private let client: IdentityClient
    private let checkMode: Bool
    private let region: String
    /// What was (or, in check mode, would be) done, in order.
    private(set) var actions: [String] = []
    /// Every resource asked for: kind, name, id, state (created, updated, unchanged).
    private(set) var resources: [JSONValue] = []
    /// Attributes before and after of the resources that changed (diff mode), by `kind/name`.
    private(set) var before = JSONObject()
    private(set) var after = JSONObject()
    private var domainIDs: [String: String] = [:]
    private var projectIDs: [String: String?] = [:]
    private var userIDs: [String: String?] = [:]
    private var roleIDs: [String: String?] = [:]
    private var regionChecked = false

    init(client: IdentityClient, checkMode: Bool, region: String) {
        self.client = client
        self.checkMode = checkMode
        self.region = region
    }

    var changed: Bool { !actions.isEmpty }

    func apply(_ desired: Desired) throws {
        for name in desired.roles { _ = try role(named: name, creating: true) }
        for project in desired.projects { try ensure(project) }
        for service in desired.services { try ensure(service) }
        for user in desired.users { try ensure(user) }
        for assignment in desired.assignments { try ensure(assignment) }
    }

    // MARK: - Kinds

    private func role(named name: String, creating: Bool) throws -> String? {
        if let known = roleIDs[name] { return known }
        let found = try client.list("/roles", key: "roles", query: [("name", name)]).first {
            $0["name"]?.stringValue == name && ($0["domain_id"]?.isNull ?? true)
        }
        var id = found?["id"]?.stringValue
        if found == nil {
            guard creating else { throw IdentityError(description: "role '\(name)' does not exist (add it to roles)") }
            id = try create("role", name, path: "/roles", key: "role", ["name": .string(name)])
        } else if creating {
            record("role", name, id: id, state: "unchanged")
        }
        roleIDs[name] = id
        return id
    }

    private func domainID(_ name: String) throws -> String {
        if let known = domainIDs[name] { return known }
        guard
            let id = try client.list("/domains", key: "domains", query: [("name", name)])
                .first(where: { $0["name"]?.stringValue == name })?["id"]?.stringValue
        else { throw IdentityError(description: "domain '\(name)' does not exist") }
        domainIDs[name] = id
        return id
    }

    private func ensure(_ project: DesiredProject) throws {
        let domain = try domainID(project.domain)
        let found = try client.list("/projects", key: "projects", query: [("name", project.name), ("domain_id", domain)]).first
        var wanted: JSONObject = ["enabled": .bool(project.enabled)]
        if let description = project.description { wanted["description"] = .string(description) }
        let id: String?
        if let found {
            id = try update(found, wanted, kind: "project", name: project.name, path: "/projects", key: "project")
        } else {
            wanted["name"] = .string(project.name)
            wanted["domain_id"] = .string(domain)
            id = try create("project", project.name, path: "/projects", key: "project", wanted)
        }
        projectIDs["\(project.domain)/\(project.name)"] = id
    }

    private func projectID(_ name: String, domain: String) throws -> String? {
        if let known = projectIDs["\(domain)/\(name)"] { return known }
        let domainID = try domainID(domain)
        guard
            let id = try client.list("/projects", key: "projects", query: [("name", name), ("domain_id", domainID)])
                .first?["id"]?.stringValue
        else { throw IdentityError(description: "project '\(name)' (domain '\(domain)') does not exist (add it to projects)") }
        projectIDs["\(domain)/\(name)"] = id
        return id
    }

    private func ensure(_ service: DesiredService) throws {
        let found = try client.list("/services", key: "services", query: [("type", service.type)])
            .first { $0["name"]?.stringValue == service.name }
        var wanted: JSONObject = ["enabled": .bool(service.enabled)]
        if let description = service.description { wanted["description"] = .string(description) }
        let label = "\(service.name) (\(service.type))"
        let id: String?
        if let found {
            id = try update(found, wanted, kind: "service", name: label, path: "/services", key: "service")
        } else {
            wanted["name"] = .string(service.name)
            wanted["type"] = .string(service.type)
            id = try create("service", label, path: "/services", key: "service", wanted)
        }
        guard !service.endpoints.isEmpty else { return }
        try ensureRegion()
        for endpoint in service.endpoints {
            let name = "\(service.name) \(endpoint.interface) \(region)"
            let existing =
                try id.map { id in
                    try client.list("/endpoints", key: "endpoints", query: [("service_id", id), ("interface", endpoint.interface)])
                        .first { ($0["region_id"]?.stringValue ?? $0["region"]?.stringValue) == region }
                } ?? nil
            if let existing {
                _ = try update(existing, ["url": .string(endpoint.url)], kind: "endpoint", name: name, path: "/endpoints", key: "endpoint")
            } else {
                var object: JSONObject = [
                    "interface": .string(endpoint.interface), "url": .string(endpoint.url), "region_id": .string(region),
                    "enabled": true,
                ]
                object["service_id"] = id.map { JSONValue.string($0) } ?? JSONValue.null
                _ = try create("endpoint", name, path: "/endpoints", key: "endpoint", object)
            }
        }
    }

    private func ensureRegion() throws {
        guard !regionChecked else { return }
        regionChecked = true
        if try client.exists("/regions/\(IdentityClient.encode(region))") { return }
        _ = try create("region", region, path: "/regions", key: "region", ["id": .string(region)])
    }

    private func ensure(_ user: DesiredUser) throws {
        let domain = try domainID(user.domain)
        let found = try client.list("/users", key: "users", query: [("name", user.name), ("domain_id", domain)]).first
        var wanted: JSONObject = ["enabled": .bool(user.enabled)]
        if let project = user.defaultProject {
            wanted["default_project_id"] =
                try projectID(project, domain: user.domain).map { JSONValue.string($0) }
                ?? JSONValue.string("(\(project))")
        }
        let id: String?
        if let found {
            id = try update(found, wanted, kind: "user", name: user.name, path: "/users", key: "user", password: user)
        } else {
            wanted["name"] = .string(user.name)
            wanted["domain_id"] = .string(domain)
            var withPassword = wanted
            if let password = user.password { withPassword["password"] = .string(password) }
            id = try create("user", user.name, path: "/users", key: "user", withPassword, shown: wanted)
        }
        userIDs["\(user.domain)/\(user.name)"] = id
    }

    private func userID(_ name: String, domain: String) throws -> String? {
        if let known = userIDs["\(domain)/\(name)"] { return known }
        let domainID = try domainID(domain)
        guard let id = try client.list("/users", key: "users", query: [("name", name), ("domain_id", domainID)]).first?["id"]?.stringValue
        else { throw IdentityError(description: "user '\(name)' (domain '\(domain)') does not exist (add it to users)") }
        userIDs["\(domain)/\(name)"] = id
        return id
    }

    private func ensure(_ assignment: DesiredAssignment) throws {
        let name = "\(assignment.role) to user \(assignment.user) on \(assignment.target)"
        let user = try userID(assignment.user, domain: assignment.userDomain)
        let role = try role(named: assignment.role, creating: false)
        let target: String?
        switch assignment.target {
        case .project(let project, let domain): target = try projectID(project, domain: domain).map { "/projects/\($0)" }
        case .domain(let domain): target = try "/domains/" + domainID(domain)
        case .system: target = "/system"
        }
        if let user, let role, let target {
            let path = "\(target)/users/\(user)/roles/\(role)"
            if try client.exists(path) {
                resources.append(["kind": "role_assignment", "name": .string(name), "state": "unchanged"])
                return
            }
            if !checkMode { try client.put(path) }
        }
        actions.append("grant role \(name)")
        resources.append(["kind": "role_assignment", "name": .string(name), "state": "created"])
        before["role_assignment/\(name)"] = .null
        after["role_assignment/\(name)"] = ["granted": true]
    }

    // MARK: - Create and update

    /// Creates one resource (unless check mode); `shown` is what the diff shows (no password).
    private func create(
        _ kind: String, _ name: String, path: String, key: String, _ object: JSONObject, shown: JSONObject? = nil
    ) throws -> String? {
        var id: String?
        if !checkMode {
            let answer = try client.write("POST", path, key: key, object)
            id = answer["id"]?.stringValue
        }
        actions.append("create \(kind) \(name)")
        before["\(kind)/\(name)"] = .null
        after["\(kind)/\(name)"] = .object(shown ?? object)
        record(kind, name, id: id, state: "created")
        return id
    }

    /// Patches the attributes of `found` that differ from `wanted` (and the password of a user whose
    /// password no longer authenticates, with `update_password: always`); returns its id.
    private func update(
        _ found: JSONObject, _ wanted: JSONObject, kind: String, name: String, path: String, key: String, password user: DesiredUser? = nil
    ) throws -> String? {
        let id = found["id"]?.stringValue
        var patch = JSONObject()
        var old = JSONObject()
        for (field, value) in wanted where found[field] != value {
            patch[field] = value
            old[field] = found[field] ?? .null
        }
        var changes = patch.keys
        if let user, user.updatePassword, let password = user.password, let id, user.enabled,
            try !client.passwordWorks(userID: id, password: password)
        {
            patch["password"] = .string(password)
            changes.append("password")
        }
        guard !patch.isEmpty, let id else {
            record(kind, name, id: id, state: "unchanged")
            return id
        }
        if !checkMode { _ = try client.write("PATCH", "\(path)/\(id)", key: key, patch) }
        actions.append("update \(kind) \(name): " + changes.joined(separator: ", "))
        var shownAfter = patch
        if shownAfter["password"] != nil {
            shownAfter["password"] = "(changed)"
            old["password"] = "(old)"
        }
        before["\(kind)/\(name)"] = .object(old)
        after["\(kind)/\(name)"] = .object(shownAfter)
        record(kind, name, id: id, state: "updated")
        return id
    }

    private func record(_ kind: String, _ name: String, id: String?, state: String) {
        let idValue = id.map { JSONValue.string($0) } ?? JSONValue.null
        resources.append(["kind": .string(kind), "name": .string(name), "id": idValue, "state": .string(state)])
    }
}
