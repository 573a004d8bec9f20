import Foundation

extension Process {
    /// Runs the process with standard output on a pipe and returns the first line it prints: the helpers
    /// the tests start (the stand-in central server, the fault proxy, `posagent-central serve`) print where
    /// they listen once they do. Nil when it ends first.
    func runReadingFirstLine() throws -> String? {
        let output = Pipe()
        standardOutput = output
        try run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            if byte == Data("\n".utf8) { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return nil
    }
}
