/// What the modification does: tripleo-modify-image's `tasks_from` files, plus `patch` (Apex style).
/// `tasks_from` accepts the names with or without `.yml`.
enum Mode: String, CaseIterable, Sendable {
    /// A directory with a Dockerfile: `FROM` rewritten, `LABEL modified_append_tag` added.
    case modifyImage = "modify_image"
    /// Update the packages with the image's package manager (dnf, yum or apt-get), or from local packages.
    case yumUpdate = "yum_update"
    /// Install a directory of packages (`.rpm` with rpm, `.deb` with dpkg).
    case rpmInstall = "rpm_install"
    /// Install named packages from the image's repositories.
    case yumInstall = "yum_install"
    /// Install local python source trees with pip.
    case devInstall = "dev_install"
    /// Apply unified diffs with `patch -p1` in a directory of the image.
    case patch = "patch"

    /// Every accepted `tasks_from` value.
    static let choices: [String] = allCases.flatMap { [$0.rawValue, $0.rawValue + ".yml"] }

    /// The mode a `tasks_from` value names (`rpm_install.yml` or `rpm_install`).
    init?(tasksFrom: String) {
        let name = tasksFrom.hasSuffix(".yml") ? String(tasksFrom.dropLast(4)) : tasksFrom
        self.init(rawValue: name)
    }
}
