import Foundation

/// The cashier screen of a harness daemon, talked to over real HTTP on loopback with curl, as a browser
/// (or a hostile page in one) would.
extension DaemonHarness {
    struct WebReply {
        var status: Int
        var body: String
        /// The body as it came, for an answer that is no text (an image).
        var bytes: Data
        /// Header names lowercased; a name sent twice keeps every value.
        var headers: [String: [String]]

        func header(_ name: String) -> String? { headers[name.lowercased()]?.first }

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw DaemonHarnessError(description: "not a JSON object: \(body)")
            }
            return object
        }

        var code: String? { (try? json())?["code"] as? String }

        /// The value the Set-Cookie header gives the session cookie.
        var sessionCookie: String? {
            for line in headers["set-cookie"] ?? [] where line.hasPrefix("posagent_session=") {
                return String(line.dropFirst("posagent_session=".count).prefix { $0 != ";" })
            }
            return nil
        }
    }

    var webOrigin: String { "http://127.0.0.1:\(webPort)" }

    /// A port nobody listens on now, for a daemon's cashier screen.
    static func freePort() throws -> Int {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw DaemonHarnessError(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func webRequest(_ method: String, _ path: String, body: String? = nil, headers: [String] = [],
                    maxTime: Int = 30) async throws -> WebReply {
        try await offPool { try self.webRequestBlocking(method, path, body: body, headers: headers, maxTime: maxTime) }
    }

    func webRequestBlocking(_ method: String, _ path: String, body: String? = nil, headers: [String] = [],
                            maxTime: Int = 30) throws -> WebReply {
        let headerFile = directory.appendingPathComponent("headers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: headerFile) }
        var arguments = ["-s", "--max-time", String(maxTime), "-X", method, "-D", headerFile.path, "-o", "-",
                         "-w", "\n%{http_code}"]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append("\(webOrigin)\(path)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        guard let split = data.lastIndex(of: UInt8(ascii: "\n")) else {
            throw DaemonHarnessError(description: "curl gave no status (exit \(process.terminationStatus))")
        }
        let body = data[..<split], status = String(decoding: data[data.index(after: split)...], as: UTF8.self)
        var fields: [String: [String]] = [:]
        let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        for line in rawHeaders.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            fields[name, default: []].append(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return WebReply(status: Int(status) ?? 0, body: String(decoding: body, as: UTF8.self), bytes: Data(body), headers: fields)
    }

    /// Signs in with the store's cashier PIN; the session cookie and the CSRF token.
    func signIn() async throws -> (cookie: String, csrf: String) {
        let reply = try await webRequest("POST", "/web/session", body: #"{"pin":"\#(Self.cashierPIN)"}"#,
                                         headers: ["Origin: \(webOrigin)"])
        guard reply.status == 200, let cookie = reply.sessionCookie, let csrf = try reply.json()["csrfToken"] as? String else {
            throw DaemonHarnessError(description: "sign-in failed: \(reply.status) \(reply.body)")
        }
        return (cookie, csrf)
    }
}
