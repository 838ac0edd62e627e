/// gzip (RFC 1952) without compression: the data in deflate *stored* blocks (RFC 1951 §3.2.4),
/// CRC-32 and length trailer. Every gzip reader (`tar -xzf`, Ansible's `unarchive`, Python's
/// `tarfile`) reads it; the files are not smaller, which suits small patch archives and avoids
/// linking zlib. The header has mtime 0 and no name, so equal input gives equal bytes.
public enum Gzip {
    /// The gzip member holding `data` uncompressed.
    public static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        out.reserveCapacity(data.count + data.count / 65535 * 5 + 32)
        var start = 0
        repeat {
            let end = min(start + 65535, data.count)
            let length = end - start
            out.append(end == data.count ? 0x01 : 0x00)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[start..<end]
            start = end
        } while start < data.count
        out += littleEndian(CRC32.checksum(data))
        out += littleEndian(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
