import Foundation
import SyncWire
@testable import PosAgentCentral

/// A real `posagent-central serve` process on 127.0.0.1, any free port, against a test database.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let directory: URL

    static var binary: URL {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [Bundle.main.bundleURL, products].map { $0.appendingPathComponent("posagent-central") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// `server`: more `[server]` lines, e.g. the TLS files.
    init(_ database: TestDatabase, server: String = "") throws {
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = try writeCentralConfig(database, in: directory, server: server)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--config", config.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let number = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw CentralError(.configuration, "serve did not start: \(text)")
        }
        port = number
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Posts `body` as the upload of `store` with `token`; returns the status and the answer's bytes.
    func upload(_ body: UploadBody, store: String, token: String) async throws -> (status: Int, body: Data) {
        try await upload(raw: try JSONEncoder().encode(body), store: store, token: token)
    }

    /// Posts `body` as it is (bytes an agent might send) as the upload of `store`.
    func upload(raw body: Data, store: String, token: String) async throws -> (status: Int, body: Data) {
        let file = directory.appendingPathComponent("body-\(UUID().uuidString).json")
        try body.write(to: file)
        return try await curl(["-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                               "--data-binary", "@\(file.path)", "http://127.0.0.1:\(port)/v1/stores/\(store)/transactions"])
    }

    /// Gets `path` (with its query) with `token`; returns the status and the answer's bytes.
    func get(_ path: String, token: String) async throws -> (status: Int, body: Data) {
        try await curl(["-H", "Authorization: Bearer \(token)", "-H", "Accept: application/json", "http://127.0.0.1:\(port)\(path)"])
    }

    private func curl(_ arguments: [String]) async throws -> (status: Int, body: Data) {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-w", "\n%{http_code}"] + arguments
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let data = try await Task.detached { try output.fileHandleForReading.readToEnd() ?? Data() }.value
        curl.waitUntilExit()
        // The body as sent (an image's bytes too), then a newline and the status.
        guard let end = data.lastIndex(of: UInt8(ascii: "\n")) else { return (0, data) }
        let status = Int(String(decoding: data[data.index(after: end)...], as: UTF8.self)) ?? 0
        return (status, Data(data[..<end]))
    }
}
