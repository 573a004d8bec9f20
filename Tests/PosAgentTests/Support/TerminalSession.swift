import Foundation

/// A command run on a real pseudo-terminal in its default (cooked, echoing) mode, as a person at a
/// terminal would run it: what the command shows, and what the terminal echoes, is read from `output`.
final class TerminalSession: @unchecked Sendable {
    private let controller: Int32
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()

    var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    init(_ executable: String, _ arguments: [String]) throws {
        var controller: Int32 = -1, device: Int32 = -1
        guard openpty(&controller, &device, nil, nil, nil) == 0 else {
            throw DaemonHarnessError(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        self.controller = controller
        let terminal = FileHandle(fileDescriptor: device, closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        // The child holds its own copies; ours would keep the terminal open after the child exits.
        try terminal.close()
    }

    deinit {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        close(controller)
    }

    /// Reads what the terminal shows until `text` appears.
    func waitFor(_ text: String, timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !output.contains(text) {
            guard Date() < deadline else {
                throw DaemonHarnessError(description: "the terminal never showed '\(text)'; it showed: \(output)")
            }
            guard readAvailable(waitingMilliseconds: 100) else {
                throw DaemonHarnessError(description: "the terminal closed before showing '\(text)'; it showed: \(output)")
            }
        }
    }

    /// Types on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
    }

    /// Waits for the command to end, reads what it showed last, and returns its exit status.
    func exitStatus() -> Int32 {
        process.waitUntilExit()
        while readAvailable(waitingMilliseconds: 50) {}
        return process.terminationStatus
    }

    /// False once the terminal is closed (the command ended and nothing is left to read).
    private func readAvailable(waitingMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, waitingMilliseconds)
        guard ready > 0 else { return ready == 0 && process.isRunning || ready < 0 && errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(controller, &buffer, buffer.count)
        guard count > 0 else { return false }
        lock.withLock { collected.append(contentsOf: buffer[..<count]) }
        return true
    }
}
