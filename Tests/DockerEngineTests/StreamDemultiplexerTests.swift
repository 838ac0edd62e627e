import DockerEngine
import Testing

@Suite struct StreamDemultiplexerTests {
    static func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        let n = payload.count
        return [stream, 0, 0, 0, UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + payload
    }

    static let mixed = frame(1, "line one\n") + frame(2, "warn\n") + frame(0, "in") + frame(1, "") + frame(1, String(repeating: "x", count: 300))

    @Test(arguments: [1, 2, 3, 7, 8, 9, 64, 1000])
    func splitsAtAnyBoundary(pieceSize: Int) throws {
        var demux = StreamDemultiplexer()
        for start in stride(from: 0, to: Self.mixed.count, by: pieceSize) {
            try demux.feed(Self.mixed[start..<min(start + pieceSize, Self.mixed.count)])
        }
        try demux.finish()
        #expect(String(decoding: demux.stdout, as: UTF8.self) == "line one\nin" + String(repeating: "x", count: 300))
        #expect(String(decoding: demux.stderr, as: UTF8.self) == "warn\n")
    }

    @Test func largeFrameLengthIsBigEndian() throws {
        let payload = String(repeating: "é", count: 40_000)
        var demux = StreamDemultiplexer()
        try demux.feed(Self.frame(2, payload))
        try demux.finish()
        #expect(demux.stderr.count == 80_000 && demux.stdout.isEmpty)
    }

    @Test(
        arguments: [
            [4, 0, 0, 0, 0, 0, 0, 1, 65], [1, 1, 0, 0, 0, 0, 0, 1, 65], Array("HTTP/1.1 200".utf8),
        ] as [[UInt8]])
    func rejectsForeignHeaders(bytes: [UInt8]) {
        var demux = StreamDemultiplexer()
        #expect { try demux.feed(bytes) } throws: { ($0 as? EngineError).map { "\($0)" }?.contains("frame header") == true }
    }

    @Test(arguments: [[1, 0, 0], [1, 0, 0, 0, 0, 0, 0, 5, 65, 66]] as [[UInt8]])
    func truncatedStreamIsMalformed(bytes: [UInt8]) throws {
        var demux = StreamDemultiplexer()
        try demux.feed(bytes)
        #expect(throws: EngineError.malformedReply("the output stream ends inside a frame")) { try demux.finish() }
    }

    @Test func limitIsEnforced() {
        var demux = StreamDemultiplexer(limit: 4)
        #expect(throws: EngineError.malformedReply("output is larger than 4 bytes")) { try demux.feed(Self.frame(1, "hello")) }
    }

    @Test func daemonErrorStreamBecomesAnError() {
        #expect(throws: EngineError.api(status: 200, message: "exec failed")) {
            try ContainerOutput(stream: Self.frame(1, "a") + Self.frame(3, "exec failed\n"), multiplexed: true)
        }
    }

    @Test func ttyOutputIsKeptAsIs() throws {
        let raw = Self.frame(1, "looks like a frame")
        #expect(try ContainerOutput(stream: raw, multiplexed: false).stdout == raw)
    }
}
