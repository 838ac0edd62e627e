/// Writes a POSIX ustar archive in memory: regular files, directories and symlinks, in the order
/// added, ending with the two zero blocks. Used for Docker build contexts (`POST /build`) and
/// patch archives. Names longer than 100 bytes are split into ustar's `prefix` + `name`.
///
/// Every entry gets the same `mtime` (default 0) and owner 0:0, so equal content gives equal bytes.
public struct TarWriter: Sendable {
    /// The archive so far (without the end-of-archive blocks until `finish()`).
    public private(set) var bytes: [UInt8] = []
    /// Modification time written in every header (seconds since the epoch).
    public var mtime: Int

    /// - Parameter mtime: the modification time of every entry (default 0, for reproducible archives).
    public init(mtime: Int = 0) {
        self.mtime = mtime
    }

    /// Adds a regular file.
    /// - Parameters:
    ///   - path: the relative path inside the archive (`containers/nova-api/Dockerfile`).
    ///   - contents: the file's bytes.
    ///   - permissions: the mode bits (default `0o644`).
    /// - Throws: `TarError` for an empty, absolute or too long path.
    public mutating func addFile(_ path: String, contents: [UInt8], permissions: UInt32 = 0o644) throws(TarError) {
        try appendHeader(path: path, type: 0x30, size: contents.count, permissions: permissions, linkTarget: "")
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    /// Adds a directory entry (`path/`).
    /// - Throws: `TarError` as `addFile`.
    public mutating func addDirectory(_ path: String, permissions: UInt32 = 0o755) throws(TarError) {
        let name = path.hasSuffix("/") ? path : path + "/"
        try appendHeader(path: name, type: 0x35, size: 0, permissions: permissions, linkTarget: "")
    }

    /// Adds a symbolic link `path` → `target`.
    /// - Throws: `TarError` as `addFile`, or `.linkTooLong` for a target over 100 bytes.
    public mutating func addSymlink(_ path: String, target: String) throws(TarError) {
        guard target.utf8.count <= 100 else { throw .linkTooLong(path: path, target: target) }
        try appendHeader(path: path, type: 0x32, size: 0, permissions: 0o777, linkTarget: target)
    }

    /// The complete archive: the entries plus two zero blocks.
    public func finish() -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: 1024)
    }

    private mutating func appendHeader(path: String, type: UInt8, size: Int, permissions: UInt32, linkTarget: String) throws(TarError) {
        let (prefix, name) = try Self.split(path)
        guard size < 1 << 33 else { throw .fileTooLarge(path) }
        var header = [UInt8](repeating: 0, count: 512)
        Self.put(name, at: 0, width: 100, in: &header)
        Self.putOctal(Int(permissions & 0o7777), at: 100, width: 8, in: &header)
        Self.putOctal(0, at: 108, width: 8, in: &header)
        Self.putOctal(0, at: 116, width: 8, in: &header)
        Self.putOctal(size, at: 124, width: 12, in: &header)
        Self.putOctal(max(0, mtime), at: 136, width: 12, in: &header)
        for i in 148..<156 { header[i] = 0x20 }
        header[156] = type
        Self.put(linkTarget, at: 157, width: 100, in: &header)
        Self.put("ustar", at: 257, width: 6, in: &header)
        header[263] = 0x30
        header[264] = 0x30
        Self.put("root", at: 265, width: 32, in: &header)
        Self.put("root", at: 297, width: 32, in: &header)
        Self.put(prefix, at: 345, width: 155, in: &header)
        let sum = header.reduce(0) { $0 + Int($1) }
        Self.putOctal(sum, at: 148, width: 7, in: &header)
        header[155] = 0x20
        bytes += header
    }

    /// `path` as ustar (prefix, name): the name is the part after the last `/` that leaves at most
    /// 155 bytes before it.
    static func split(_ path: String) throws(TarError) -> (prefix: String, name: String) {
        let utf8 = Array(path.utf8)
        guard !utf8.isEmpty, utf8.first != 0x2F else { throw .badPath(path) }
        guard !utf8.contains(0), !path.split(separator: "/").contains("..") else { throw .badPath(path) }
        if utf8.count <= 100 { return ("", path) }
        var cut = utf8.count - 1
        while cut > 0 {
            if utf8[cut] == 0x2F && cut <= 155 && utf8.count - cut - 1 <= 100 && utf8.count - cut - 1 > 0 {
                return (String(decoding: utf8[..<cut], as: UTF8.self), String(decoding: utf8[(cut + 1)...], as: UTF8.self))
            }
            cut -= 1
        }
        throw .pathTooLong(path)
    }

    private static func put(_ text: String, at offset: Int, width: Int, in header: inout [UInt8]) {
        for (i, byte) in text.utf8.prefix(width).enumerated() { header[offset + i] = byte }
    }

    /// `value` as zero-padded octal digits filling `width - 1` bytes, then NUL.
    private static func putOctal(_ value: Int, at offset: Int, width: Int, in header: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(0x30 + rest % 8))
            rest /= 8
        } while rest > 0
        while digits.count < width - 1 { digits.append(0x30) }
        for (i, digit) in digits.reversed().suffix(width - 1).enumerated() { header[offset + i] = digit }
        header[offset + width - 1] = 0
    }
}
