import Foundation

/// Where a simulator's commands come from: a person at a terminal, a pipe, or a script file.
public enum ConsoleInput {
    /// Lines of standard input, read on their own thread so a blocked read never holds a
    /// cooperative thread. Finishes at end of input.
    public static func standardInputLines() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let thread = Thread {
            while let line = readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        thread.name = "posagent-simulator-stdin"
        thread.start()
        return stream
    }

    /// The lines of a script file.
    public static func scriptLines(path: String) throws -> AsyncStream<String> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (stream, continuation) = AsyncStream<String>.makeStream()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { continuation.yield(String(line)) }
        continuation.finish()
        return stream
    }
}
