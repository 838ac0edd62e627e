/// A connected byte stream the HTTP/1.1 codec talks over: a socket, or bytes in memory in tests.
protocol ByteChannel {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(HTTPError)
    /// Reads what is available into `buffer`; `0` means end of stream.
    func read(into buffer: inout [UInt8]) throws(HTTPError) -> Int
}
