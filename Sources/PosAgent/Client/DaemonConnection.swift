import ArgumentParser
import Foundation

/// Where the daemon is and how to print its answers: shared by every command that goes through it.
struct DaemonOptions: ParsableArguments {
    @Option(help: "Configuration file, for the socket path (default: /etc/posagent/posagent.toml).")
    var config: String?

    @Option(help: "The daemon's socket (default: [api] socket, /run/posagent/posagent.sock).")
    var socket: String?

    @Flag(help: "Print JSON for scripts instead of text for people.")
    var json = false

    func connection() throws -> DaemonConnection {
        let path = try socket ?? AgentConfiguration.load(path: config).api.socket
        return DaemonConnection(client: SocketClient(socketPath: path))
    }
}

/// Calls the daemon and turns its problem documents into messages and sysexits statuses.
struct DaemonConnection: Sendable {
    let client: SocketClient

    /// The JSON body of a successful answer; a problem is printed and becomes the exit status.
    /// `upload`: a body sent as it is (an image file) with its content type, instead of a JSON `body`.
    func call(_ method: String, _ path: String, body: [String: Any]? = nil, upload: (data: Data, contentType: String)? = nil,
              idempotencyKey: String? = nil, accept: String? = nil, headers extra: [String: String] = [:]) throws -> Data {
        var headers = extra
        if let idempotencyKey { headers["Idempotency-Key"] = idempotencyKey }
        if let accept { headers["Accept"] = accept }
        let data = try upload?.data ?? body.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        let reply: SocketClient.Reply
        do {
            reply = try client.send(method, path, body: data, contentType: upload?.contentType ?? "application/json", headers: headers)
        } catch let error as ClientError {
            printError("error: \(error)")
            throw ExitStatus.unavailable
        }
        guard (200..<300).contains(reply.status) else {
            let problem = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any]
            let code = problem?["code"] as? String ?? "http_\(reply.status)"
            let detail = problem?["detail"] as? String ?? String(decoding: reply.body, as: UTF8.self)
            printError("error: \(detail) [\(code)]")
            throw Self.exitStatus(httpStatus: reply.status)
        }
        return reply.body
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    static func exitStatus(httpStatus: Int) -> ExitCode {
        switch httpStatus {
        case 403: ExitCode(77)  // EX_NOPERM
        case 423, 429: ExitCode(75)  // EX_TEMPFAIL: a locked manager or too many codes, try again later
        case 404: ExitStatus.noInput
        case 400, 409, 413, 422: ExitStatus.dataError
        case 503: ExitStatus.unavailable
        default: ExitStatus.software
        }
    }
}

extension MemberOptions {
    /// The member as the API takes it; nil means "ask the customer at the tablet".
    func reference() -> [String: Any]? {
        if let phone { return ["phone": phone] }
        if let barcode { return ["barcode": barcode] }
        if let memberID { return ["id": memberID] }
        return nil
    }

    func validateOne() throws {
        guard [phone != nil, barcode != nil, memberID != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("name the member with at most one of --phone, --barcode or --member-id (none: the customer uses the tablet)")
        }
    }
}
