#if canImport(Glibc)
import Glibc
#endif

/// An open tty: a serial device, a USB CDC-ACM port, or one side of a pseudo-terminal.
///
/// The port owns its descriptor, which `DeviceDescriptor` closes exactly once, so a write can never
/// hit a reused descriptor number.
public final class SerialPort: Sendable {
    /// The path it was opened from, for logs.
    public let path: String
    let descriptor: DeviceDescriptor

    /// Opens a tty `O_RDWR|O_NOCTTY|O_NONBLOCK`, takes it exclusively (`TIOCEXCL`) and sets raw 8N1.
    public static func open(
        path: String, settings: SerialSettings, exclusive: Bool = true, syscalls: Syscalls = .live
    ) throws(DeviceIOError) -> SerialPort {
        let fd: Int32
        switch syscalls.openFile(path, flags: O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) {
        case .success(let opened): fd = opened
        case .failure(let errno):
            throw DeviceIOError(.openFailed, "cannot open \(path); check that it exists and that posagent may use it", errno: errno)
        }
        do {
            let isExclusive = exclusive ? try takeExclusively(fd, path: path, syscalls: syscalls) : false
            try configure(fd, path: path, settings: settings, syscalls: syscalls)
            return SerialPort(adopting: fd, path: path, isExclusive: isExclusive, syscalls: syscalls)
        } catch {
            syscalls.closeFile(fd)
            throw error
        }
    }

    /// Takes ownership of an already open descriptor.
    init(adopting fd: Int32, path: String, isExclusive: Bool = false, syscalls: Syscalls = .live) {
        self.path = path
        self.isExclusive = isExclusive
        self.descriptor = DeviceDescriptor(adopting: fd, path: path, syscalls: syscalls)
    }

    /// Whether TIOCEXCL took: no other open() of the tty succeeds while this port is open.
    public let isExclusive: Bool

    /// ENOTTY is tolerated: a device emulated in user space (umockdev) has no TIOCEXCL, and a node
    /// that is really no tty fails at tcgetattr next anyway.
    private static func takeExclusively(_ fd: Int32, path: String, syscalls: Syscalls) throws(DeviceIOError) -> Bool {
        switch syscalls.makeExclusive(fd) {
        case .success: return true
        case .failure(.notATerminal): return false
        case .failure(let errno):
            throw DeviceIOError(.configureFailed, "cannot take \(path) exclusively", errno: errno)
        }
    }

    private static func configure(_ fd: Int32, path: String, settings: SerialSettings, syscalls: Syscalls) throws(DeviceIOError) {
        let current: termios
        switch syscalls.getAttributes(fd) {
        case .success(let attributes): current = attributes
        case .failure(let errno):
            throw DeviceIOError(.configureFailed, "cannot read the line settings of \(path); is it a tty?", errno: errno)
        }
        if case .failure(let errno) = syscalls.setAttributes(fd, try settings.apply(to: current)) {
            throw DeviceIOError(.configureFailed, "cannot set \(path) to raw 8N1 at \(settings.baud) baud", errno: errno)
        }
    }

    /// Writes every byte, waiting for room when the driver's buffer is full (up to `timeout`).
    /// Holds the port's lock so the descriptor cannot be closed halfway through a frame.
    public func write(_ bytes: [UInt8], timeout: Duration = .seconds(1)) throws(DeviceIOError) {
        try descriptor.withOpenDescriptor { (fd) throws(DeviceIOError) in try writeAll(fd, bytes, timeout: timeout) }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8], timeout: Duration) throws(DeviceIOError) {
        var offset = 0
        let deadline = ContinuousClock.now + timeout
        let syscalls = descriptor.syscalls
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { syscalls.writeBytes(fd, from: UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch result {
            case .success(let written) where written > 0:
                offset += written
            case .success, .failure(.wouldBlock):
                // No room in the driver's buffer (a write of 0 bytes means the same).
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else {
                    throw DeviceIOError(.timedOut, "\(path) accepted no data for \(timeout); the device is not reading")
                }
                var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)]
                _ = syscalls.pollFiles(&fds, timeoutMilliseconds: Int32(remaining.components.seconds * 1000 + 10))
            case .failure(let errno) where DeviceDescriptor.meansRemoval(errno):
                throw DeviceIOError(.disconnected, "\(path) went away during a write", errno: errno)
            case .failure(let errno):
                throw DeviceIOError(.ioFailed, "writing to \(path) failed", errno: errno)
            }
        }
    }

    /// Closes the port. Idempotent; a running reader stops and its stream finishes without error.
    public func close() {
        descriptor.close()
    }

    /// Whether the port has been closed, by `close()` or by the device going away. True from the
    /// moment `close()` returns, even while the reader thread is still letting go of the descriptor.
    public var isClosed: Bool { descriptor.isClosed }

    /// The bytes the device sends, in the chunks read() returns.
    ///
    /// A dedicated thread blocks in poll() so the cooperative pool never waits on a device. The
    /// stream finishes when the port is closed or the consumer stops iterating (either closes the
    /// port), and throws `.disconnected` when the device goes away (EIO, hang-up). Only one reader
    /// per port: a second call gets a stream that throws `.closed`.
    public func bytes() -> AsyncThrowingStream<[UInt8], any Error> {
        descriptor.bytes(threadName: "posagent-tty-\(path)")
    }
}
