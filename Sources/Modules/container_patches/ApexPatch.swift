import ModifyImage

/// One upstream change to apply (Apex's `{change-id, project[, branch]}` plus the diff itself, read
/// from a local file: this pipeline never fetches from Gerrit).
struct ApexPatch: Sendable, Equatable {
    /// `openstack/nova`, `nova`, `openstack/puppet-tripleo`, …
    var project: String
    /// The Gerrit Change-Id (`I…`); names the patch file.
    var changeID: String
    /// The unified diff.
    var diff: String

    /// The project without `openstack/`.
    var shortProject: String {
        project.hasPrefix("openstack/") ? String(project.dropFirst("openstack/".count)) : project
    }
}

/// Where a patch applies, Apex's `project_to_path` (reference §5.2).
enum PatchTarget: Sendable, Equatable {
    /// A python project: applied inside the service images at the python library directory.
    case container(path: String)
    /// Puppet modules, heat templates, tripleo-common container files: applied on the host image,
    /// not in containers (Apex uses virt-customize for these); reported, not built.
    case host(path: String)

    var path: String {
        switch self {
        case .container(let path), .host(let path): return path
        }
    }

    /// - Parameters:
    ///   - patch: the patch.
    ///   - pythonPath: the python library directory of the images (Apex: `/usr/lib/python2.7/site-packages/`).
    static func of(_ patch: ApexPatch, pythonPath: String) -> PatchTarget {
        let project = patch.shortProject
        if project.contains("puppet") {
            let module = project.hasPrefix("puppet-") ? String(project.dropFirst("puppet-".count)) : project.replacingAll("puppet-", "")
            return .host(path: "/etc/puppet/modules/\(module)")
        }
        if project.contains("tripleo-heat-templates") { return .host(path: "/usr/share/openstack-tripleo-heat-templates") }
        if project.contains("tripleo-common") && touchesContainerImages(patch.diff) {
            return .host(path: "/usr/share/openstack-tripleo-common-containers/")
        }
        return .container(path: pythonPath)
    }

    /// Apex's `re.search(r'^diff.*container-images/', diff, re.MULTILINE)`.
    static func touchesContainerImages(_ diff: String) -> Bool {
        diff.split(separator: "\n").contains { $0.hasPrefix("diff") && $0.contains("container-images/") }
    }
}
