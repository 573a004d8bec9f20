import Foundation
@testable import PosAgentCentral

/// A `central.toml` naming a test database, serving on any free port, with more `[database]` and
/// `[server]` lines if given.
func writeCentralConfig(_ database: TestDatabase, in directory: URL, databaseLines: String = "", server: String = "") throws -> URL {
    let config = directory.appendingPathComponent("central.toml")
    try """
        [database]
        socket = "\(database.settings.socket)"
        name = "\(database.settings.name)"
        \(databaseLines)
        [server]
        port = 0
        \(server)
        """.write(to: config, atomically: false, encoding: .utf8)
    return config
}

/// What one run of the real `posagent-central` binary printed, and how it exited.
struct CentralRun: Sendable {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs `posagent-central ARGUMENTS --config …` against `database` and waits for it.
func runCentral(_ database: TestDatabase, _ arguments: [String], databaseLines: String = "", server: String = "") async throws -> CentralRun {
    let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-central-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = ServeProcess.binary
    process.arguments = arguments + ["--config", try writeCentralConfig(database, in: directory, databaseLines: databaseLines, server: server).path]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    async let out = Task.detached { try output.fileHandleForReading.readToEnd() ?? Data() }.value
    async let err = Task.detached { try errors.fileHandleForReading.readToEnd() ?? Data() }.value
    let (printed, complained) = try await (out, err)
    process.waitUntilExit()
    return CentralRun(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                      errors: String(decoding: complained, as: UTF8.self))
}
