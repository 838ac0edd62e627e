import EngineTesting
import HTTP
import Testing

@testable import DockerEngine

@Suite struct EngineErrorTests {
    @Test(
        arguments: [
            (EngineError.notFound(kind: .container, name: "nova_api"), "No such container: nova_api"),
            (.notFound(kind: .image, name: "x:1"), "No such image: x:1"),
            (
                .conflict("Conflict. The container name \"/a\" is already in use"),
                "Error response from daemon: Conflict. The container name \"/a\" is already in use"
            ),
            (.api(status: 500, message: "boom"), "Error response from daemon (HTTP 500): boom"),
            (.timedOut(seconds: 120), "the Docker daemon gave no answer within 120 seconds"),
            (.timedOut(seconds: 0.5), "the Docker daemon gave no answer within 0.5 seconds"),
            (
                .transport(.connect(endpoint: "unix:///var/run/docker.sock", reason: .refused)),
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"
            ),
            (
                .transport(.connect(endpoint: "unix:///var/run/docker.sock", reason: .permissionDenied)),
                "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock"
            ),
            (.transport(.closedEarly(endpoint: "unix:///s")), "unix:///s closed the connection before the response was complete"),
            (.pullFailed(image: "x:1", message: "manifest unknown"), "pulling x:1 failed: manifest unknown"),
        ] as [(EngineError, String)])
    func describesItself(error: EngineError, text: String) {
        #expect(error.description == text)
    }

    @Test(
        arguments: [
            (404, Recorded.noSuchContainer, EngineObject.container as EngineObject?, EngineError.notFound(kind: .container, name: "nope")),
            (404, #"{"message":"page not found"}"#, nil, .api(status: 404, message: "page not found")),
            (
                409, Recorded.nameInUse, .container,
                .conflict(
                    "Conflict. The container name \"/oc-rec\" is already in use by container \"b3318a9c08c804a780d0755ccb6776266ff68c8bfd9e07428f1f9a96c822677f\". You have to remove (or rename) that container to be able to reuse that name."
                )
            ),
            (500, "  plain text\n", .container, .api(status: 500, message: "plain text")),
            (
                500, Recorded.podmanNameInUse, .container,
                .conflict(
                    "container create: creating container storage: the container name \"oc-x\" is already in use by b516. You have to remove that container to be able to reuse that name: that name is already in use"
                )
            ),
            (
                500, #"{"message":"can only create exec sessions on running containers: container state improper"}"#, .container,
                .conflict("can only create exec sessions on running containers: container state improper")
            ),
            (404, Recorded.podmanNoSuchContainer, .container, .notFound(kind: .container, name: "nope")),
            (500, "", nil, .api(status: 500, message: "HTTP 500")),
            (400, #"{"message":5}"#, nil, .api(status: 400, message: #"{"message":5}"#)),
        ] as [(Int, String, EngineObject?, EngineError)])
    func mapsStatuses(status: Int, body: String, kind: EngineObject?, expected: EngineError) {
        let response = HTTPResponse(status: status, body: body)
        #expect(EngineClient.failure(response, about: kind, named: "nope") == expected)
    }

    @Test func transportTimeoutBecomesEngineTimeout() {
        let client = EngineClient(transport: FakeTransport([.failure(.timedOut(seconds: 120))]))
        #expect(throws: EngineError.timedOut(seconds: 120)) { try client.ping() }
    }

    @Test func credentialsNeverShow() {
        let auth = RegistryAuth(username: "kolla", password: "s3cret", serverAddress: "127.0.0.1:4000")
        #expect(!auth.description.contains("s3cret") && !"\(auth)".contains("s3cret"))
    }
}
