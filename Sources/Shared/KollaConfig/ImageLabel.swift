extension SetConfigs {
    /// The image label that says the image's `kolla_set_configs` is this code (`images/base` sets it, and
    /// the fixture images do), with `checkRevision` as its value.
    public static let imageLabel = "overcloud.containers.kolla_set_configs"

    /// What `--check` decides, by revision: raised whenever a change here could make `--check` answer
    /// otherwise, so that kolla_docker runs this code in place of an image's tool only when both agree.
    public static let checkRevision = "1"
}
