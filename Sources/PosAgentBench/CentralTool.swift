import Foundation

/// The `posagent-central` binary built beside this one, and other programs the central benchmark runs.
enum CentralTool {
    static func binary() throws -> URL {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let binary = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("posagent-central")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CounterBenchError("no posagent-central binary at \(binary.path); build it with `swift build -c release --product posagent-central`")
        }
        return binary
    }

    /// Runs `executable ARGUMENTS` to its end (blocking: call it through `offPool`) and returns what it
    /// printed; a failure throws with what it said on standard error.
    /// Runs a script that leaves a server running (scripts/central-db.sh start) with its output in `log`:
    /// the server would hold a pipe open, and reading it to its end would never return.
    static func start(_ arguments: [String], log: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = file
        process.standardError = file
        try process.run()
        // Reaped here: Foundation's wait for a child never ends while the server it started holds on to
        // what Foundation gave the child.
        var status: Int32 = 0
        while waitpid(process.processIdentifier, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else {
            throw CounterBenchError("bash \(arguments.joined(separator: " ")) failed; see \(log)")
        }
    }

    @discardableResult
    static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CounterBenchError("\(executable.lastPathComponent) \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: complaint, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self)
    }
}
