import Testing

@testable import HTTP

@Suite struct RequestEncoderTests {
    func text(_ request: HTTPRequest, host: String = "localhost") throws -> String {
        String(decoding: try RequestEncoder.encode(request, host: host), as: UTF8.self)
    }

    @Test func getHasHostAndCloseAndNoLength() throws {
        #expect(
            try text(HTTPRequest(.get, "/v1.41/containers/json?all=1"))
                == "GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: overcloud-containers\r\nConnection: close\r\n\r\n")
    }

    @Test func postCarriesBodyAndLength() throws {
        let request = HTTPRequest(.post, "/x", headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        #expect(
            try text(request, host: "127.0.0.1:5000")
                == "POST /x HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nUser-Agent: overcloud-containers\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
        )
    }

    @Test func emptyPostSaysZeroLength() throws {
        #expect(try text(HTTPRequest(.post, "/start")).contains("Content-Length: 0\r\n"))
    }

    @Test func ownFieldsWinAndHostCanBeReplaced() throws {
        let request = HTTPRequest(
            .get, "/", headers: ["host": "registry:5000", "Connection": "keep-alive", "Content-Length": "9", "User-Agent": "t"])
        #expect(
            try text(request)
                == "GET / HTTP/1.1\r\nhost: registry:5000\r\nUser-Agent: t\r\nConnection: close\r\n\r\n")
    }

    @Test(arguments: [
        HTTPRequest(.get, "x"), HTTPRequest(.get, "/a b"), HTTPRequest(.get, "/a\r\nX: 1"),
        HTTPRequest(.get, "/", headers: ["X": "a\r\nInjected: 1"]), HTTPRequest(.get, "/", headers: ["Bad Name": "1"]),
        HTTPRequest(.get, "/", headers: ["": "1"]), HTTPRequest(.get, "/", headers: ["A:B": "1"]),
    ])
    func rejectsRequestsThatBreakFraming(request: HTTPRequest) {
        #expect { try RequestEncoder.encode(request, host: "localhost") } throws: { error in
            (error as? HTTPError)?.caseName == "invalidRequest"
        }
    }
}

@Suite struct PercentEncodingTests {
    @Test(arguments: [
        ("all", "all"), ("a b", "a%20b"), ("{\"reference\":[\"x:1\"]}", "%7B%22reference%22%3A%5B%22x%3A1%22%5D%7D"),
        ("é", "%C3%A9"), ("a&b=c", "a%26b%3Dc"), ("-._~", "-._~"), ("/", "%2F"), ("+", "%2B"),
    ])
    func encodesQueryComponents(text: String, expected: String) {
        #expect(PercentEncoding.queryComponent(text) == expected)
    }

    @Test(arguments: [
        ("nova_api", "nova_api"), ("a/b", "a%2Fb"), ("a b", "a%20b"), ("x:1@y", "x:1@y"), ("100%", "100%25"), ("a?b#c", "a%3Fb%23c"),
    ])
    func encodesPathSegments(text: String, expected: String) {
        #expect(PercentEncoding.pathSegment(text) == expected)
    }

    @Test func pathKeepsSlashes() {
        #expect(PercentEncoding.path("quay.io/openstack.kolla/nova-api:2023.1") == "quay.io/openstack.kolla/nova-api:2023.1")
        #expect(PercentEncoding.path("a b/c?") == "a%20b/c%3F")
    }

    @Test func queryStringKeepsOrder() {
        var query: QueryString = ["fromImage": "127.0.0.1:1/x", "tag": "1"]
        query.append("t", nil as String?)
        query.append("force", "1")
        #expect(query.encoded == "fromImage=127.0.0.1%3A1%2Fx&tag=1&force=1")
        #expect(query.appended(to: "/p") == "/p?fromImage=127.0.0.1%3A1%2Fx&tag=1&force=1")
        #expect(QueryString().appended(to: "/p") == "/p")
    }

    @Test func headersLookUpAnyCase() {
        var headers: HTTPHeaders = ["Content-Type": "a"]
        headers.set("content-type", "b")
        headers.add("X-Registry-Auth", "t")
        #expect(headers["CONTENT-TYPE"] == "b" && headers.count == 2)
        headers.set("x-registry-auth", nil)
        #expect(!headers.contains("X-Registry-Auth"))
    }
}
