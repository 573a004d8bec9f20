#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open device node's descriptor, shared by serial ports and evdev nodes: who may use it, and
/// who closes it.
///
/// It is closed exactly once: directly on `close()` when nobody reads, or from the reader thread
/// when it stops, so a write or an ioctl can never hit a reused descriptor number.
final class DeviceDescriptor: Sendable {
    /// The path it was opened from, for logs.
    let path: String
    let syscalls: Syscalls
    /// Runs on the descriptor right before it is closed (an evdev node lets go of its grab).
    private let beforeClose: @Sendable (Int32) -> Void
    private let state: Mutex<State>

    private enum State {
        case open(fd: Int32)
        case reading(fd: Int32, wake: WakePipe)
        /// Asked to close while a reader thread holds the descriptor; that thread closes it.
        case closing(fd: Int32, wake: WakePipe)
        case closed
    }

    init(adopting fd: Int32, path: String, syscalls: Syscalls, beforeClose: @escaping @Sendable (Int32) -> Void = { _ in }) {
        self.path = path
        self.syscalls = syscalls
        self.beforeClose = beforeClose
        self.state = Mutex(.open(fd: fd))
    }

    deinit {
        close()
    }

    /// Runs `body` on the descriptor while it is open, holding the lock so it cannot be closed
    /// halfway; throws `.closed` once it is closed.
    func withOpenDescriptor<Value>(_ body: (Int32) throws(DeviceIOError) -> Value) throws(DeviceIOError) -> Value {
        try state.withLock { (state: inout State) throws(DeviceIOError) in
            switch state {
            case .open(let fd), .reading(let fd, _): return try body(fd)
            case .closing, .closed: throw DeviceIOError(.closed, "\(path) is closed; it was unplugged or shut down")
            }
        }
    }

    /// EIO is what a tty returns after its USB device is unplugged, ENODEV what an evdev node
    /// returns; ENXIO when the node is gone.
    static func meansRemoval(_ errno: Errno) -> Bool {
        errno == .ioError || errno == .noSuchDevice || errno == .noDevice
    }

    /// Closes it. Idempotent; a running reader stops and its stream finishes without error.
    func close() {
        state.withLock { state in
            switch state {
            case .open(let fd):
                closeNow(fd)
                state = .closed
            case .reading(let fd, let wake):
                wake.signal()
                state = .closing(fd: fd, wake: wake)
            case .closing, .closed:
                break
            }
        }
    }

    /// Hands the descriptor to a reader thread; nil if it is closed or already being read.
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
                closeNow(fd)
                wake.close()
                state = .closed
            case .open, .closed:
                break
            }
        }
    }

    private func closeNow(_ fd: Int32) {
        beforeClose(fd)
        syscalls.closeFile(fd)
    }

    /// True from the moment `close()` returns, even while the reader thread is still letting go
    /// of the descriptor.
    var isClosed: Bool {
        state.withLock { state in
            switch state {
            case .open, .reading: false
            case .closing, .closed: true
            }
        }
    }
}
