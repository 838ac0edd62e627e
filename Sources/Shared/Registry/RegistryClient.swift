import Platform

/// A Docker Registry HTTP API v2 client shared by every worker of a run: endpoint choice
/// (http/https/no-verify/mirror), authentication (anonymous, basic, bearer tokens cached per registry
/// and scope), bounded retries with backoff, and redirects that never carry `Authorization` to
/// another origin.
public final class RegistryClient: Sendable {
    /// How the client reaches registries.
    public struct Configuration: Sendable {
        /// Registries spoken to over plain http (`host[:port]`).
        public var insecure: Set<String>
        /// Registries spoken to over https without certificate verification.
        public var noVerify: Set<String>
        /// Credentials by registry name as images name it (`docker.io`, `192.168.24.1:8787`).
        public var credentials: [String: Credentials]
        /// Read mirrors by registry name (`docker.io` → `http://mirror:8081/registry-1.docker/`).
        public var mirrors: [String: String]
        /// Probe registries named in neither list (see ``EndpointResolver``).
        public var probeUnknown: Bool
        /// Retries and backoff.
        public var retry: RetryPolicy
        /// Seconds an API call (not a blob stream) may take.
        public var callTimeout: Double
        /// Seconds a blob stream may take.
        public var blobTimeout: Double

        /// A configuration.
        public init(
            insecure: Set<String> = [], noVerify: Set<String> = [], credentials: [String: Credentials] = [:],
            mirrors: [String: String] = [:], probeUnknown: Bool = true, retry: RetryPolicy = RetryPolicy(), callTimeout: Double = 60,
            blobTimeout: Double = 3600
        ) {
            self.insecure = insecure
            self.noVerify = noVerify
            self.credentials = credentials
            self.mirrors = mirrors
            self.probeUnknown = probeUnknown
            self.retry = retry
            self.callTimeout = callTimeout
            self.blobTimeout = blobTimeout
        }
    }

    let transport: any RegistryTransport
    /// How the client reaches registries.
    public let configuration: Configuration
    let tokens: TokenCache
    let endpoints: EndpointResolver
    /// Manifests and configs tag discovery read, reused by the copy.
    let memo = ManifestMemo()

    /// A client over `transport`.
    public init(
        transport: any RegistryTransport, configuration: Configuration = Configuration(),
        clock: (@Sendable () -> Double)? = nil
    ) {
        self.transport = transport
        self.configuration = configuration
        tokens = TokenCache(clock: clock ?? { Environment.monotonic() })
        endpoints = EndpointResolver(
            insecure: configuration.insecure, noVerify: configuration.noVerify, mirrors: configuration.mirrors,
            probe: configuration.probeUnknown, transport: transport)
    }

    /// One registry API call.
    struct Call: Sendable {
        var method: String
        /// The registry name (as images name it).
        var registry: String
        /// The path after the base URL, starting `/v2/`.
        var path: String
        var headers: [(name: String, value: String)] = []
        var body: RequestBody = .none
        /// Token scopes (`repository:<name>:pull`, `repository:<name>:pull,push`).
        var scopes: [String]
        /// Follow 3xx (blob GETs are often redirected to object storage).
        var followRedirects = false
        /// A read that may use a mirror.
        var read = true
        /// A blob stream (long timeout).
        var streaming = false
        /// What the call is about, for messages (`quay.io/t/nova-api:latest`).
        var subject: String
    }

    /// Sends `call`, authenticating (once more after a 401), retrying what is retryable, following
    /// redirects if asked. Returns the final response whatever its status.
    func send(_ call: Call) async throws(RegistryError) -> TransportResponse {
        let endpoint = await endpoints.endpoint(for: call.registry, forReading: call.read && (call.method == "GET" || call.method == "HEAD"))
        var url = call.path.hasPrefix("http://") || call.path.hasPrefix("https://") ? call.path : endpoint.base + call.path
        var reauthenticated = false
        while true {
            let authorization = try await authorization(for: call)
            var headers = call.headers
            if let authorization { headers.append((name: "Authorization", value: authorization)) }
            let request = TransportRequest(
                method: call.method, url: url, headers: headers, body: call.body, verifyCertificate: endpoint.verify,
                timeout: call.streaming ? configuration.blobTimeout : configuration.callTimeout)
            var response = try await exchange(request, subject: call.subject)
            if response.status == 401 {
                await response.body.drain()
                if reauthenticated, authorization?.hasPrefix("Basic ") == true {
                    throw .unauthorized("\(call.subject): registry \(call.registry) rejected the username and password given for it (HTTP 401)")
                }
                guard !reauthenticated else {
                    throw .unauthorized(
                        "\(call.subject): registry \(call.registry) refused access (HTTP 401 after authenticating)"
                            + (configuration.credentials[call.registry] == nil ? "; no credentials are given for it" : ""))
                }
                try await learnChallenge(response, call: call, rejected: authorization)
                guard call.body.isReplayable else {
                    // A streamed upload cannot be re-sent from here: the copier starts it again with the new token.
                    throw .http(status: 401, "\(call.subject): registry \(call.registry) asked to authenticate again during an upload")
                }
                reauthenticated = true
                continue
            }
            var hops = 0
            while call.followRedirects, [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location") {
                hops += 1
                guard hops <= 5 else { throw .http(status: response.status, "\(call.subject): more than 5 redirects") }
                await response.body.drain()
                let next = URLParts.resolve(location, against: url)
                let sameOrigin = URLParts(next)?.origin == URLParts(url)?.origin
                var hopHeaders = call.headers
                if sameOrigin, let authorization { hopHeaders.append((name: "Authorization", value: authorization)) }
                let hop = TransportRequest(
                    method: call.method == "HEAD" ? "HEAD" : "GET", url: next, headers: hopHeaders,
                    verifyCertificate: sameOrigin ? endpoint.verify : true,
                    timeout: call.streaming ? configuration.blobTimeout : configuration.callTimeout)
                response = try await exchange(hop, subject: call.subject)
                url = next
            }
            return response
        }
    }

    /// One exchange with bounded retries on retryable statuses and transport errors (replayable
    /// bodies only; a stream is the caller's to retry).
    func exchange(_ request: TransportRequest, subject: String) async throws(RegistryError) -> TransportResponse {
        let policy = configuration.retry
        var attempt = 1
        while true {
            let response: TransportResponse
            do {
                response = try await transport.send(request)
            } catch {
                let failure = error as? TransportError ?? .other("\(error)")
                guard failure.isRetryable, request.body.isReplayable, attempt < policy.maxAttempts else {
                    throw .transport("\(subject): \(request.method) \(Self.redact(request.url)): \(failure) (after \(attempt) attempt(s))")
                }
                await policy.sleep(policy.delay(afterAttempt: attempt))
                attempt += 1
                continue
            }
            if RetryPolicy.retryableStatuses.contains(response.status), request.body.isReplayable, attempt < policy.maxAttempts {
                let delay = policy.delay(afterAttempt: attempt, retryAfter: response.header("Retry-After"))
                await response.body.drain()
                await policy.sleep(delay)
                attempt += 1
                continue
            }
            return response
        }
    }

    /// A URL without its query (upload locations carry state tokens).
    static func redact(_ url: String) -> String {
        url.firstIndex(of: "?").map { String(url[..<$0]) } ?? url
    }

    /// Reads a small body and fails with a message naming `subject` for a status not in `expected`.
    func expect(_ response: TransportResponse, _ expected: Set<Int>, subject: String, action: String) async throws(RegistryError) {
        guard !expected.contains(response.status) else { return }
        let body = (try? await response.body.collect(limit: 1 << 16)) ?? []
        let detail = RegistryErrorBody.summary(body)
        let text = "\(subject): \(action) failed: HTTP \(response.status)" + (detail.isEmpty ? "" : " (\(detail))")
        if response.status == 404 { throw .notFound(text) }
        if response.status == 401 || response.status == 403 { throw .unauthorized(text) }
        throw .http(status: response.status, text)
    }
}
