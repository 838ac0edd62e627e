import YAML

extension ImageMap {
    /// Reads a map from YAML text:
    /// ```yaml
    /// defaults: [{tag_from_label: rdo_version, set: {namespace: …, tag: …}}]   # optional: 18.0.0's
    /// images:                                  # or container_images_template: (tripleo-common's key)
    /// - imagename: '{{namespace}}/{{name_prefix}}nova-api{{name_suffix}}:{{tag}}'
    ///   image_source: tripleo
    ///   params: [ContainerNovaApiImage]
    ///   services: [OS::TripleO::Services::NovaApi]
    ///   when: {neutron_driver: [ovn]}          # or neutron_driver_not: [ovn, odl]; ceph_images: true
    /// ```
    /// - Throws: ``ImagePrepareError/invalidMap(_:)`` naming the item and key that is wrong.
    public init(yaml text: String, name: String) throws(ImagePrepareError) {
        let document: YAMLValue?
        do {
            document = try YAML.load(text)
        } catch {
            throw .invalidMap("image map \(name): \(error)")
        }
        guard let document, document.mappingPairs != nil else { throw .invalidMap("image map \(name): expected a mapping at the top level") }
        guard let items = (document["images"] ?? document["container_images_template"])?.sequenceItems else {
            throw .invalidMap("image map \(name): 'images' must be a list of image items")
        }
        var defaults: [YAMLValue]
        if let given = document["defaults"] {
            guard let list = given.sequenceItems, !list.isEmpty, list.allSatisfy({ $0.mappingPairs != nil }) else {
                throw .invalidMap("image map \(name): 'defaults' must be a non-empty list of ContainerImagePrepare entries")
            }
            defaults = list
        } else {
            defaults = (try ImageMap.builtin("18"))?.defaultPrepare ?? []
        }
        var images: [ImageTemplate] = []
        for (index, item) in items.enumerated() {
            images.append(try Self.item(item, at: "image map \(name): images[\(index)]"))
        }
        self.init(name: name, defaultPrepare: defaults, images: images)
    }

    private static func item(_ item: YAMLValue, at place: String) throws(ImagePrepareError) -> ImageTemplate {
        guard item.mappingPairs != nil else { throw .invalidMap("\(place): expected a mapping") }
        guard let imagename = item["imagename"]?.stringValue else { throw .invalidMap("\(place): 'imagename' must be a string") }
        let source = item["image_source"]?.stringValue ?? ""
        let params = try strings(item["params"] ?? .sequence([]), "\(place).params")
        let services = try item["services"].map { v throws(ImagePrepareError) in try strings(v, "\(place).services") }
        var condition = ImageTemplate.Condition()
        if let when = item["when"] {
            guard let pairs = when.mappingPairs else { throw .invalidMap("\(place).when: expected a mapping") }
            for pair in pairs {
                switch pair.key.stringValue {
                case "neutron_driver": condition.neutronDriverIn = try strings(pair.value, "\(place).when.neutron_driver")
                case "neutron_driver_not": condition.neutronDriverNotIn = try strings(pair.value, "\(place).when.neutron_driver_not")
                case "ceph_images": condition.cephImages = pair.value.isTruthy
                default:
                    throw .invalidMap(
                        "\(place).when: unknown condition \(pair.key.pythonRepr) (known: neutron_driver, neutron_driver_not, ceph_images)")
                }
            }
        }
        return ImageTemplate(imagename: imagename, imageSource: source, params: params, services: services, condition: condition)
    }

    private static func strings(_ value: YAMLValue, _ place: String) throws(ImagePrepareError) -> [String] {
        if let one = value.stringValue { return [one] }
        guard let items = value.sequenceItems else { throw .invalidMap("\(place): expected a list of strings") }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .invalidMap("\(place): expected a list of strings, found \(item.pythonRepr)") }
            out.append(s)
        }
        return out
    }
}
