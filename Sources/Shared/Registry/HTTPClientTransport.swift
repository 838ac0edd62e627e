import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// ``RegistryTransport`` over async-http-client: TLS with the system CAs plus an optional CA file,
/// per-request certificate verification (no-verify registries), `HTTPS_PROXY`/`NO_PROXY`,
/// pooled keep-alive connections. Redirects are not followed here (the client decides whether the
/// `Authorization` header may go along).
///
/// Connection establishment is not retried inside async-http-client (it would retry a refused
/// connection until the connect timeout): ``RegistryClient`` retries with backoff instead.
public final class HTTPClientTransport: RegistryTransport {
    private let direct: HTTPClient
    private let proxied: HTTPClient?
    private let proxy: ProxySettings
    private let tls: TLSConfiguration
    private let noVerifyTLS: TLSConfiguration

    /// A transport.
    /// - Parameters:
    ///   - caFile: a PEM file of extra trusted CAs (added to the system's).
    ///   - proxy: the proxy settings (default: from the environment).
    ///   - connectTimeout: seconds to establish a connection.
    ///   - readTimeout: seconds without a byte before a request fails.
    ///   - connectionsPerHost: the keep-alive pool size per host.
    /// - Throws: ``TransportError/other(_:)`` when the CA file cannot be used.
    public init(
        caFile: String? = nil, proxy: ProxySettings = .fromEnvironment(), connectTimeout: Double = 5, readTimeout: Double = 60,
        connectionsPerHost: Int = 16
    ) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            do {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
            } catch {
                throw TransportError.other("ca_file \(caFile): not a readable PEM certificate file (\(error))")
            }
        }
        var noVerify = tls
        noVerify.certificateVerification = .none
        self.tls = tls
        self.noVerifyTLS = noVerify
        self.proxy = proxy
        func configuration(_ proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient.Configuration {
            var config = HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(Int64(connectTimeout * 1000)), read: .milliseconds(Int64(readTimeout * 1000))),
                proxy: proxy, ignoreUncleanSSLShutdown: false, decompression: .disabled)
            config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
            config.connectionPool.retryConnectionEstablishment = false
            config.httpVersion = .http1Only
            return config
        }
        direct = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration(nil))
        proxied = proxy.server.map { server in
            HTTPClient(
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                configuration: configuration(.server(host: server.host, port: server.port)))
        }
    }

    /// Closes the pooled connections; call once when done.
    public func shutdown() async {
        try? await direct.shutdown()
        try? await proxied?.shutdown()
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.verifyCertificate { outgoing.tlsConfiguration = noVerifyTLS }
        switch request.body {
        case .none: break
        case .bytes(let bytes): outgoing.body = .bytes(ByteBuffer(bytes: bytes))
        case .stream(let length, let stream): outgoing.body = .stream(ByteBufferSequence(stream), length: .known(length))
        }
        let client = proxy.shouldProxy(url: request.url) ? (proxied ?? direct) : direct
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: .milliseconds(Int64(request.timeout * 1000)))
        } catch {
            throw Self.classify(error)
        }
        let headers = response.headers.map { (name: $0.name, value: $0.value) }
        let body = ResponseBodyReader(response.body)
        return TransportResponse(status: Int(response.status.code), headers: headers, body: ByteStream { try await body.next() })
    }

    /// Sorts a client error into the kinds the retry logic knows.
    static func classify(_ error: any Error) -> TransportError {
        let text = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .writeTimeout, .connectTimeout, .deadlineExceeded, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout,
                .httpProxyHandshakeTimeout:
                return .timeout(text)
            case .remoteConnectionClosed, .cancelled: return .connection(text)
            default: return .other(text)
            }
        }
        if let error = error as? NIOSSLError {
            if case .uncleanShutdown = error { return .connection(text) }
            return .tls(text)
        }
        if error is BoringSSLError || error is NIOSSLExtraError { return .tls(text) }
        if error is IOError || error is ChannelError || error is NIOConnectionError { return .connection(text) }
        if let error = error as? TransportError { return error }
        return .other(text)
    }
}

/// The response body as pulled chunks.
private final class ResponseBodyReader: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ body: HTTPClientResponse.Body) { iterator = body.makeAsyncIterator() }

    /// Called by one consumer at a time (a ``ByteStream`` is read sequentially).
    func next() async throws -> [UInt8]? {
        do {
            guard var buffer = try await iterator.next() else { return nil }
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw HTTPClientTransport.classify(error)
        }
    }
}

/// A ``ByteStream`` as the async sequence of buffers async-http-client sends.
private struct ByteBufferSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let stream: ByteStream

    init(_ stream: ByteStream) { self.stream = stream }

    struct AsyncIterator: AsyncIteratorProtocol {
        let stream: ByteStream
        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await stream.next() else { return nil }
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: stream) }
}
