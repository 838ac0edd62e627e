/// What a module knows about the run it is part of: Ansible's `_ansible_*` flags and the
/// machine it acts on. Tests build one with an in-memory file system.
public struct Host: Sendable {
    public var checkMode: Bool
    public var diffMode: Bool
    public var verbosity: Int
    /// The name the task used (`overcloud.containers.merge_configs` or `merge_configs`).
    public var moduleName: String
    /// `_ansible_tmpdir`: a per-task directory Ansible removes afterwards, if given.
    public var tmpdir: String?
    /// `_ansible_remote_tmp`.
    public var remoteTmp: String?
    public var keepRemoteFiles: Bool
    /// `_ansible_no_log`: the whole task is secret.
    public var noLog: Bool
    /// Files on the target.
    public var files: any FileSystem

    public init(
        checkMode: Bool = false, diffMode: Bool = false, verbosity: Int = 0, moduleName: String,
        tmpdir: String? = nil, remoteTmp: String? = nil, keepRemoteFiles: Bool = false, noLog: Bool = false,
        files: any FileSystem
    ) {
        self.checkMode = checkMode
        self.diffMode = diffMode
        self.verbosity = verbosity
        self.moduleName = moduleName
        self.tmpdir = tmpdir
        self.remoteTmp = remoteTmp
        self.keepRemoteFiles = keepRemoteFiles
        self.noLog = noLog
        self.files = files
    }
}
