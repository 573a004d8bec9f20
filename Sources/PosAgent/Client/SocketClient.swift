import Foundation

/// A small HTTP/1.1 client for the daemon's Unix socket: one request per connection (`Connection: close`),
/// blocking I/O, enough for a command-line tool talking to its own daemon.
struct SocketClient: Sendable {
    let socketPath: String

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
              headers: [String: String] = [:]) throws -> Reply {
        let descriptor = try connect()
        defer { close(descriptor) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: posagent\r\nConnection: close\r\nUser-Agent: posagent-cli/\(PosAgentVersion.current)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        try write(descriptor, Data(head.utf8) + (body ?? Data()))
        return try Self.parse(try readAll(descriptor))
    }

    private func connect() throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError.cannotConnect(socketPath, String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw ClientError.cannotConnect(socketPath, "the path is too long for a socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ClientError.cannotConnect(socketPath, reason)
        }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)  // a tablet prompt may take a minute
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    private func write(_ descriptor: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ClientError.broken(String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    private func readAll(_ descriptor: Int32) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw ClientError.broken(errno == EAGAIN ? "the daemon did not answer in time" : String(cString: strerror(errno)))
            }
            data.append(contentsOf: buffer[..<count])
        }
    }

    static func parse(_ data: Data) throws -> Reply {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { throw ClientError.broken("the answer had no headers") }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError.broken("the answer had no status") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) throws -> Data {
        var output = Data()
        var index = data.startIndex
        while index < data.endIndex {
            guard let lineEnd = data[index...].firstRange(of: Data("\r\n".utf8)),
                let size = Int(String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16)
            else { throw ClientError.broken("a chunk of the answer was malformed") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard data.distance(from: start, to: data.endIndex) >= size else { throw ClientError.broken("the answer was cut short") }
            let stop = data.index(start, offsetBy: size)
            output.append(data[start..<stop])
            index = data.index(stop, offsetBy: 2, limitedBy: data.endIndex) ?? data.endIndex
        }
        return output
    }
}

enum ClientError: Error, CustomStringConvertible {
    case cannotConnect(String, String)
    case broken(String)

    var description: String {
        switch self {
        case .cannotConnect(let path, let reason):
            "cannot reach the daemon at \(path) (\(reason)); is it running (systemctl status posagent)? Is this account in group posagent? Or pass --socket"
        case .broken(let reason):
            "the daemon's answer was broken: \(reason)"
        }
    }
}
