public import YAML

/// `ContainerImageRegistryCredentials`: `{registry: {username: password}}`, exactly one pair per
/// registry, strings only. tripleo-common checks it while evaluating (even in a dry run). The one
/// reader of this parameter: the module builds its registry logins and its secret list from here.
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

    /// The login of each registry (already validated by the evaluation): the first string pair of
    /// each entry; entries that are not string pairs are passed over.
    public static func logins(_ value: YAMLValue?) -> [String: (username: String, password: String)] {
        var result: [String: (username: String, password: String)] = [:]
        for registry in value?.mappingPairs ?? [] {
            guard let host = registry.key.stringValue, let pair = registry.value.mappingPairs?.first,
                let user = pair.key.stringValue, let password = pair.value.stringValue
            else { continue }
            result[host] = (user, password)
        }
        return result
    }

    /// Every non-empty password string in the value, valid shape or not: what outputs must never show.
    public static func passwords(_ value: YAMLValue?) -> Set<String> {
        var found: Set<String> = []
        for registry in value?.mappingPairs ?? [] {
            for pair in registry.value.mappingPairs ?? [] {
                if let password = pair.value.stringValue, !password.isEmpty { found.insert(password) }
            }
        }
        return found
    }
}
