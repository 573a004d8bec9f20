import Foundation

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return object
    }
}

/// Runs the `posagent` binary built beside the test bundle (or another program the tests drive).
enum PosAgentProcess {
    static var binary: URL { product("posagent") }

    /// An executable of this package built beside the test bundle.
    static func product(_ name: String) -> URL {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [Bundle.main.bundleURL, products].map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// `input` is written to the command's standard input (closed after it); `identity` runs it as a cashier
    /// or manager account instead of the test's own (root).
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil,
                    as identity: DaemonHarness.Identity = .root, executable: URL = binary) async throws -> CommandResult {
        try await offPool { try runBlocking(arguments, environment: environment, input: input, as: identity, executable: executable) }
    }

    static func runBlocking(_ arguments: [String], environment: [String: String] = [:], input: String? = nil,
                            as identity: DaemonHarness.Identity = .root, executable: URL = binary) throws -> CommandResult {
        let process = Process()
        let command = identity.setpriv + [executable.path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // stderr goes to a file, so a chatty child can never block on a full pipe we are not reading.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        if let inputPipe, let input {
            try inputPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let stdoutData = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self))
    }
}
