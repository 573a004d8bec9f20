#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open tty: a serial device, a USB CDC-ACM port, or one side of a pseudo-terminal.
///
/// The port owns its descriptor and closes it exactly once: directly on `close()` when nobody reads,
/// or from the reader thread when it stops, so a write can never hit a reused descriptor number.
public final class SerialPort: Sendable {
    /// The path it was opened from, for logs.
    public let path: String
    let syscalls: Syscalls
    private let state: Mutex<State>

    private enum State {
        case open(fd: Int32)
        case reading(fd: Int32, wake: WakePipe)
        /// Asked to close while a reader thread holds the descriptor; that thread closes it.
        case closing(fd: Int32, wake: WakePipe)
        case closed
    }

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
        self.syscalls = syscalls
        self.state = Mutex(.open(fd: fd))
    }

    deinit {
        close()
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
        try state.withLock { (state: inout State) throws(DeviceIOError) in
            let fd: Int32
            switch state {
            case .open(let open), .reading(let open, _): fd = open
            case .closing, .closed: throw DeviceIOError(.closed, "\(path) is closed; it was unplugged or shut down")
            }
            try writeAll(fd, bytes, timeout: timeout)
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8], timeout: Duration) throws(DeviceIOError) {
        var offset = 0
        let deadline = ContinuousClock.now + timeout
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
            case .failure(let errno) where Self.meansRemoval(errno):
                throw DeviceIOError(.disconnected, "\(path) went away during a write", errno: errno)
            case .failure(let errno):
                throw DeviceIOError(.ioFailed, "writing to \(path) failed", errno: errno)
            }
        }
    }

    /// EIO is what a tty returns after its USB device is unplugged; ENXIO/ENODEV when the node is gone.
    static func meansRemoval(_ errno: Errno) -> Bool {
        errno == .ioError || errno == .noSuchDevice || errno == .noDevice
    }

    /// Closes the port. Idempotent; a running reader stops and its stream finishes without error.
    public func close() {
        state.withLock { state in
            switch state {
            case .open(let fd):
                syscalls.closeFile(fd)
                state = .closed
            case .reading(let fd, let wake):
                wake.signal()
                state = .closing(fd: fd, wake: wake)
            case .closing, .closed:
                break
            }
        }
    }

    /// Hands the descriptor to a reader thread; nil if the port is closed or already being read.
    func beginReading() throws(DeviceIOError) -> (fd: Int32, wake: WakePipe)? {
        try state.withLock { (state: inout State) throws(DeviceIOError) in
            guard case .open(let fd) = state else { return nil }
            let wake = try WakePipe.make(syscalls: syscalls)
            state = .reading(fd: fd, wake: wake)
            return (fd, wake)
        }
    }

    /// Called once by the reader thread as it exits: the only place a read descriptor is closed.
    func endReading() {
        state.withLock { state in
            switch state {
            case .reading(let fd, let wake), .closing(let fd, let wake):
                syscalls.closeFile(fd)
                wake.close()
                state = .closed
            case .open, .closed:
                break
            }
        }
    }

    /// Whether the port has been closed, by `close()` or by the device going away. True from the
    /// moment `close()` returns, even while the reader thread is still letting go of the descriptor.
    public var isClosed: Bool {
        state.withLock { state in
            switch state {
            case .open, .reading: false
            case .closing, .closed: true
            }
        }
    }
}
