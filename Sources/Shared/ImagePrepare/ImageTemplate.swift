import YAML

/// One item of an image map: an image name template and the heat parameters that receive the
/// rendered name (one `container_images_template` entry of tripleo-common's `.yaml.j2`).
public struct ImageTemplate: Sendable, Equatable {
    /// When the item exists: the map's Jinja `{% if %}` blocks, as data.
    public struct Condition: Sendable, Equatable {
        /// `neutron_driver == d` for one of these (nil: any driver).
        public var neutronDriverIn: [String]?
        /// `neutron_driver` is none of these (the template's `{% else %}` branch; nil: no such rule).
        public var neutronDriverNotIn: [String]?
        /// Only with `ceph_images | default(true)` truthy (tripleo-common's `ceph.j2` include).
        public var cephImages: Bool

        /// A condition; the default is "always".
        public init(neutronDriverIn: [String]? = nil, neutronDriverNotIn: [String]? = nil, cephImages: Bool = false) {
            self.neutronDriverIn = neutronDriverIn
            self.neutronDriverNotIn = neutronDriverNotIn
            self.cephImages = cephImages
        }

        /// Whether the item is rendered for `mapping` (the entry's completed `set`).
        public func holds(for mapping: TemplateMapping) -> Bool {
            let driver = mapping["neutron_driver"]?.stringValue
            if let allowed = neutronDriverIn, !allowed.contains(where: { $0 == driver }) { return false }
            if let denied = neutronDriverNotIn, denied.contains(where: { $0 == driver }) { return false }
            // `{% if ceph_images | default(true) %}`: only an undefined variable takes the default.
            if cephImages, let value = mapping["ceph_images"], !value.isTruthy { return false }
            return true
        }
    }

    /// The name with `{{variable}}` placeholders: `{{namespace}}/{{name_prefix}}nova-api{{name_suffix}}:{{tag}}`.
    public var imagename: String
    /// `tripleo`, `ceph`, `prom`, `grafana`, `haproxy`, `keepalived` (Rocky: `kolla`, `openshift`).
    public var imageSource: String
    /// Heat parameters that receive the image.
    public var params: [String]
    /// Heat resource types that need the image; `nil` when the item has no `services` key (such an
    /// item is dropped whenever a service filter is active).
    public var services: [String]?
    /// When the item exists.
    public var condition: Condition

    /// An item.
    public init(imagename: String, imageSource: String, params: [String], services: [String]?, condition: Condition = Condition()) {
        self.imagename = imagename
        self.imageSource = imageSource
        self.params = params
        self.services = services
        self.condition = condition
    }
}
