import Foundation

/// The real `posagent-central serve` on loopback, any free port, for one benchmark database.
final class CentralServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int

    /// Starts serve on `config` and waits for the line that names its port (blocking: call it through `offPool`).
    init(config: String, log: String) throws {
        process.executableURL = try CentralTool.binary()
        process.arguments = ["serve", "--config", config]
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("posagent-central listening on "), let port = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw CounterBenchError("posagent-central serve did not start (see \(log)): \(text)")
        }
        self.port = port
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
