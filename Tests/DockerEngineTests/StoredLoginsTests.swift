import Digest
import EngineTesting
import HTTP
import JSON
import Testing

@testable import DockerEngine

/// The node's stored registry logins (`docker login`'s config.json) and the pulls that use them.
@Suite struct StoredLoginsTests {
    static let config = #"""
        {"auths": {
          "127.0.0.1:5152": {"auth": "\#(Base64.standardEncoded(Array("oc-user:p:w?d".utf8)))"},
          "https://index.docker.io/v1/": {"auth": "\#(Base64.standardEncoded(Array("hub:hubpw".utf8)))"},
          "http://r.example:8787/v2/": {"username": "u2", "password": "pw2", "identitytoken": "tok"},
          "helper.example": {}
        }, "credsStore": "secretservice"}
        """#

    @Test func readsAuthUsernamePasswordAndURLKeys() {
        let logins = StoredLogins(configText: Array(Self.config.utf8))
        #expect(logins.logins["127.0.0.1:5152"] == RegistryAuth(username: "oc-user", password: "p:w?d", serverAddress: "127.0.0.1:5152"))
        #expect(logins.logins["docker.io"]?.username == "hub")
        #expect(
            logins.logins["r.example:8787"] == RegistryAuth(username: "u2", password: "pw2", serverAddress: "r.example:8787", identityToken: "tok"))
        #expect(logins.logins["helper.example"] == nil)  // a credential helper's entry carries nothing to send
        #expect(StoredLogins(configText: Array("not json".utf8)).logins.isEmpty)
    }

    @Test(arguments: [
        ("127.0.0.1:5152/ns/img:1", "127.0.0.1:5152"), ("localhost/img", "localhost"), ("quay.io/a/b", "quay.io"),
        ("library/busybox", "docker.io"), ("busybox", "docker.io"), ("index.docker.io/library/busybox", "docker.io"),
    ])
    func loginOfAnImage(image: String, registry: String) {
        let logins = StoredLogins(logins: [registry: RegistryAuth(username: registry, password: "p", serverAddress: registry)])
        #expect(logins.auth(forImage: image)?.username == registry)
    }

    @Test func aPullWithoutCredentialsUsesTheStoredLoginOfItsRegistry() throws {
        let fake = FakeTransport([.json(#"{"status":"ok"}"#), .json(#"{"status":"ok"}"#), .json(#"{"status":"ok"}"#)])
        var client = EngineClient(transport: fake)
        client.storedLogins = StoredLogins(configText: Array(Self.config.utf8))
        try client.pullImage("127.0.0.1:5152/ns/img:1")
        try client.pullImage("quay.io/ns/img:1")
        try client.pullImage("127.0.0.1:5152/ns/img:1", auth: RegistryAuth(username: "given", password: "x", serverAddress: "127.0.0.1:5152"))
        let stored = RegistryAuth(username: "oc-user", password: "p:w?d", serverAddress: "127.0.0.1:5152")
        #expect(fake.requests[0].headers["X-Registry-Auth"] == stored.headerValue)
        #expect(fake.requests[1].headers["X-Registry-Auth"] == nil)  // no login for quay.io: anonymous
        #expect(fake.requests[2].headers["X-Registry-Auth"] != stored.headerValue)  // explicit credentials win
        #expect(!"\(stored)".contains("p:w?d"))
    }

    @Test(arguments: ["Zm9vYmFy", "Zm9vYg==", "Zm9vYg", "Zm9-_w=="])
    func base64DecodesWhatItEncodes(text: String) throws {
        let bytes = try #require(Base64.decode(text))
        let unpadded = text.filter { $0 != "=" }
        #expect([Base64.standardEncoded(bytes), Base64.urlEncoded(bytes)].map { $0.filter { $0 != "=" } }.contains(unpadded))
        #expect(Base64.decode("not base64!") == nil)
    }
}
