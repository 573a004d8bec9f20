#if canImport(Glibc)
import Glibc
#endif

/// An open evdev node (`/dev/input/eventN`) of a keyboard-wedge scanner, grabbed so its keys reach
/// the agent and nothing else: not the desktop, not the console, not the window in focus.
///
/// The grab is let go right before the descriptor closes (on `close()`, on removal, or when the
/// reader stops); the kernel would drop it with the descriptor anyway, but a port that says it let
/// go should have.
public final class KeyboardPort: Sendable {
    /// The path it was opened from, for logs.
    public let path: String
    let descriptor: DeviceDescriptor

    /// Opens the node `O_RDONLY|O_NONBLOCK|O_CLOEXEC` and grabs it (`EVIOCGRAB`).
    public static func open(path: String, syscalls: Syscalls = .live) throws(DeviceIOError) -> KeyboardPort {
        let fd: Int32
        switch syscalls.openFile(path, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC) {
        case .success(let opened): fd = opened
        case .failure(let errno):
            throw DeviceIOError(
                .openFailed, "cannot open \(path); check that it exists and that posagent may read it (group input or posagent)", errno: errno
            )
        }
        switch syscalls.grabInputDevice(fd, true) {
        case .success:
            return KeyboardPort(adopting: fd, path: path, syscalls: syscalls)
        case .failure(let errno):
            syscalls.closeFile(fd)
            if errno == .busy {
                throw DeviceIOError(.openFailed, "another program holds \(path) grabbed; stop it (evtest --grab, a second agent) and replug the scanner", errno: errno)
            }
            throw DeviceIOError(.configureFailed, "cannot grab \(path); is it an evdev node (/dev/input/eventN)?", errno: errno)
        }
    }

    init(adopting fd: Int32, path: String, syscalls: Syscalls) {
        self.path = path
        descriptor = DeviceDescriptor(adopting: fd, path: path, syscalls: syscalls) { fd in
            _ = syscalls.grabInputDevice(fd, false)
        }
    }

    /// Lets go of the grab and closes the node. Idempotent; a running reader stops and its stream
    /// finishes without error.
    public func close() {
        descriptor.close()
    }

    /// Whether the port has been closed, by `close()` or by the device going away.
    public var isClosed: Bool { descriptor.isClosed }

    /// The raw `input_event` records, in the chunks read() returns (`InputEventReader` cuts them).
    /// Finishes when the port is closed, throws `.disconnected` when the scanner is unplugged
    /// (ENODEV). One reader per port.
    func records() -> AsyncThrowingStream<[UInt8], any Error> {
        descriptor.bytes(threadName: "posagent-evdev-\(path)")
    }
}
