public import YAML

/// `ContainerImageRegistryCredentials`: `{registry: {username: password}}`, exactly one pair per
/// registry, strings only. tripleo-common checks it while evaluating (even in a dry run).
public enum RegistryCredentials {
    /// Checks the shape with tripleo-common's `TypeError` messages; nothing happens for a falsy value.
    /// No message ever contains a password.
    /// - Throws: ``ImagePrepareError/invalidInput(_:)``.
    public static func validate(_ value: YAMLValue?) throws(ImagePrepareError) {
        guard let value, value.isTruthy else { return }
        guard let registries = value.mappingPairs else { throw .invalidInput("Credentials data must be a dict") }
        for registry in registries {
            guard let pairs = registry.value.mappingPairs, pairs.count == 1, let only = pairs.first else {
                throw .invalidInput("Credentials entry must be a dict with a single item")
            }
            guard registry.key.stringValue != nil else { throw .invalidInput("Key must be a registry host string: \(registry.key.pythonStr)") }
            guard only.key.stringValue != nil, only.value.stringValue != nil else {
                throw .invalidInput("Username and password must be strings: \(only.key.pythonStr)")
            }
        }
    }
}
