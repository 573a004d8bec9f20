import Foundation

/// The POS's side of the socket API: one HTTP/1.1 request per connection (`Connection: close`), blocking
/// I/O, so call it through `offPool`. The benchmark only needs the status and the body.
struct UnixSocketHTTP: Sendable {
    let socketPath: String

    struct Reply: Sendable {
        var status: Int
        var body: String
    }

    func post(_ path: String, json: String, idempotencyKey: String) throws(CounterBenchError) -> Reply {
        let body = Array(json.utf8)
        return try request("POST \(path) HTTP/1.1\r\nHost: posagent\r\nConnection: close\r\nIdempotency-Key: \(idempotencyKey)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n", body: body)
    }

    /// A manager's request that sends a file (a marketing image) as the raw body.
    func post(_ path: String, file bytes: [UInt8], contentType: String) throws(CounterBenchError) -> Reply {
        try request("POST \(path) HTTP/1.1\r\nHost: posagent\r\nConnection: close\r\n"
            + "Content-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\n\r\n", body: bytes)
    }

    /// A request without a body or idempotency key: showing or hiding a marketing image.
    func post(_ path: String) throws(CounterBenchError) -> Reply {
        try request("POST \(path) HTTP/1.1\r\nHost: posagent\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", body: [])
    }

    func delete(_ path: String) throws(CounterBenchError) -> Reply {
        try request("DELETE \(path) HTTP/1.1\r\nHost: posagent\r\nConnection: close\r\n\r\n", body: [])
    }

    func get(_ path: String) throws(CounterBenchError) -> Reply {
        try request("GET \(path) HTTP/1.1\r\nHost: posagent\r\nConnection: close\r\n\r\n", body: [])
    }

    private func request(_ head: String, body: [UInt8]) throws(CounterBenchError) -> Reply {
        let descriptor = try connect()
        defer { close(descriptor) }
        try send(descriptor, Array(head.utf8) + body)
        return try Self.parse(try receiveAll(descriptor))
    }

    private func connect() throws(CounterBenchError) -> Int32 {
        let address = try UnixSocketAddress(path: socketPath)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .errno("socket") }
        guard address.withSocketAddress({ Glibc.connect(descriptor, $0, $1) }) == 0 else {
            let error = CounterBenchError.errno("connect \(socketPath)")
            close(descriptor)
            throw error
        }
        // A prompt nobody answers times out in the daemon long before this.
        var timeout = timeval(tv_sec: 90, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    private func send(_ descriptor: Int32, _ bytes: [UInt8]) throws(CounterBenchError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .errno("send")
            }
            offset += written
        }
    }

    private func receiveAll(_ descriptor: Int32) throws(CounterBenchError) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw .errno("recv")
            }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// The status line's code and whatever follows the headers (the daemon's JSON is not chunked).
    static func parse(_ data: [UInt8]) throws(CounterBenchError) -> Reply {
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw CounterBenchError("the daemon's answer had no headers: \(text)") }
        let statusLine = text[..<end.lowerBound].prefix { $0 != "\r" }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw CounterBenchError("the daemon's answer had no status: \(statusLine)") }
        return Reply(status: status, body: String(text[end.upperBound...]))
    }
}
