extension RegistryClient {
    /// Whether the engines pulling from `registry` must list it in their insecure registries: it is
    /// spoken to over plain http or over https without certificate verification. A registry named in
    /// neither `insecure` nor `noVerify` is probed (once per client, shared with the copy that
    /// follows; ``EndpointResolver``); tripleo-common's secure registries are never probed.
    public func isInsecure(registry: String) async -> Bool {
        let endpoint = await endpoints.endpoint(for: registry, forReading: false)
        return endpoint.base.hasPrefix("http://") || !endpoint.verify
    }
}
