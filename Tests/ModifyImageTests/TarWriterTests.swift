import Testing

@testable import Tar

/// Reads back what `TarWriter` wrote: header fields, checksum, padding.
private func field(_ header: ArraySlice<UInt8>, _ offset: Int, _ width: Int) -> String {
    let start = header.startIndex + offset
    let bytes = header[start..<(start + width)].prefix { $0 != 0 }
    return String(decoding: bytes, as: UTF8.self)
}

private func octal(_ text: String) -> Int { text.trimmingCharacters().reduce(0) { $0 * 8 + Int($1.asciiValue! - 48) } }

extension String {
    fileprivate func trimmingCharacters() -> String { String(filter { $0 != " " }) }
}

@Suite struct TarWriterTests {
    @Test func fileHeaderHasUstarFieldsAndAValidChecksum() throws {
        var writer = TarWriter()
        try writer.addFile("dir/hello.txt", contents: Array("hello\n".utf8), permissions: 0o755)
        let archive = writer.finish()
        #expect(archive.count == 512 + 512 + 1024)
        let header = archive[0..<512]
        #expect(field(header, 0, 100) == "dir/hello.txt")
        #expect(octal(field(header, 100, 8)) == 0o755)
        #expect(octal(field(header, 124, 12)) == 6)
        #expect(header[156] == UInt8(ascii: "0"))
        #expect(field(header, 257, 6) == "ustar")
        var copy = Array(header)
        for i in 148..<156 { copy[i] = 0x20 }
        #expect(octal(field(header, 148, 7)) == copy.reduce(0) { $0 + Int($1) })
        #expect(Array(archive[512..<518]) == Array("hello\n".utf8))
        #expect(archive[518..<1024].allSatisfy { $0 == 0 })
        #expect(archive.suffix(1024).allSatisfy { $0 == 0 })
    }

    @Test func directoriesAndSymlinksHaveTheirTypes() throws {
        var writer = TarWriter()
        try writer.addDirectory("a")
        try writer.addSymlink("a/link", target: "../b")
        let archive = writer.finish()
        #expect(field(archive[0..<512], 0, 100) == "a/")
        #expect(archive[156] == UInt8(ascii: "5"))
        #expect(archive[512 + 156] == UInt8(ascii: "2"))
        #expect(field(archive[512..<1024], 157, 100) == "../b")
    }

    @Test func longPathsAreSplitIntoPrefixAndName() throws {
        let directory = String(repeating: "d", count: 120)
        var writer = TarWriter()
        try writer.addFile(directory + "/file", contents: [])
        let header = writer.finish()[0..<512]
        #expect(field(header, 0, 100) == "file")
        #expect(field(header, 345, 155) == directory)
    }

    @Test(arguments: ["", "/etc/passwd", "a/../../b", String(repeating: "x", count: 101)])
    func unusablePathsAreRefused(_ path: String) {
        var writer = TarWriter()
        #expect(throws: TarError.self) { try writer.addFile(path, contents: []) }
    }

    @Test func equalInputGivesEqualBytes() throws {
        func make() throws -> [UInt8] {
            var writer = TarWriter()
            try writer.addFile("x", contents: [1, 2, 3])
            return writer.finish()
        }
        #expect(try make() == make())
    }

    @Test func crc32MatchesTheCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test(arguments: [0, 10, 65535, 65536, 140_000])
    func gzipStoredBlocksHoldTheDataAndTrailer(_ size: Int) {
        let data = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let gz = Gzip.stored(data)
        #expect(Array(gz.prefix(3)) == [0x1F, 0x8B, 0x08])
        var out: [UInt8] = []
        var index = 10
        var final = false
        while !final {
            final = gz[index] & 1 == 1
            #expect(gz[index] & 0x06 == 0)
            let length = Int(gz[index + 1]) | Int(gz[index + 2]) << 8
            let inverse = Int(gz[index + 3]) | Int(gz[index + 4]) << 8
            #expect(length ^ inverse == 0xFFFF)
            out += gz[(index + 5)..<(index + 5 + length)]
            index += 5 + length
        }
        #expect(out == data)
        let crc = UInt32(gz[index]) | UInt32(gz[index + 1]) << 8 | UInt32(gz[index + 2]) << 16 | UInt32(gz[index + 3]) << 24
        #expect(crc == CRC32.checksum(data))
        #expect(gz.count == index + 8)
    }
}
