#if canImport(Glibc)
import Glibc
#endif

/// The C calls the device layer makes on file descriptors, as a table of functions.
///
/// This is swift-system's mocking seam made explicit: `.live` calls Glibc, and a test swaps one entry
/// (setting `errno` and returning -1) to force EINTR, EAGAIN or EIO without hardware. Being a value
/// passed to each port rather than global state, it stays correct under parallel tests.
public struct Syscalls: Sendable {
    public var open: @Sendable (_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32
    public var read: @Sendable (_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int
    public var write: @Sendable (_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int
    public var close: @Sendable (_ fd: Int32) -> Int32
    public var poll: @Sendable (_ fds: UnsafeMutablePointer<pollfd>, _ count: Int, _ timeoutMilliseconds: Int32) -> Int32
    public var tcgetattr: @Sendable (_ fd: Int32, _ attributes: UnsafeMutablePointer<termios>) -> Int32
    public var tcsetattr: @Sendable (_ fd: Int32, _ attributes: UnsafePointer<termios>) -> Int32
    /// ioctl(TIOCEXCL): no further open() of the tty succeeds, even as another user.
    public var setExclusive: @Sendable (_ fd: Int32) -> Int32
    /// ioctl(EVIOCGRAB, 1 or 0): while grabbed, an evdev node's events reach this descriptor only,
    /// not X, Wayland or the console.
    public var grabInput: @Sendable (_ fd: Int32, _ grab: Int32) -> Int32

    public static let live = Syscalls(
        open: { Glibc.open($0, $1) },
        read: { Glibc.read($0, $1, $2) },
        write: { Glibc.write($0, $1, $2) },
        close: { Glibc.close($0) },
        poll: { Glibc.poll($0, nfds_t($1), $2) },
        tcgetattr: { Glibc.tcgetattr($0, $1) },
        tcsetattr: { Glibc.tcsetattr($0, TCSANOW, $1) },
        setExclusive: { Glibc.ioctl($0, UInt(TIOCEXCL)) },
        grabInput: { Glibc.ioctl($0, evdevGrab, $1) }
    )

    /// EVIOCGRAB is `_IOW('E', 0x90, int)`, a macro Swift does not import.
    static let evdevGrab: UInt = 0x4004_4590
}

/// The wrappers every caller uses: EINTR is retried, and -1 becomes a typed `Errno`
/// (swift-system's `valueOrErrno`).
extension Syscalls {
    @inline(__always)
    private func retryingInterrupts<Value: BinaryInteger>(_ call: () -> Value) -> Result<Value, Errno> {
        while true {
            let result = call()
            if result != -1 { return .success(result) }
            let error = Errno.current
            if error != .interrupted { return .failure(error) }
        }
    }

    func openFile(_ path: String, flags: Int32) -> Result<Int32, Errno> {
        retryingInterrupts { path.withCString { open($0, flags) } }
    }

    /// Reads into the buffer; `.success(0)` is end of file.
    func readBytes(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        guard let base = buffer.baseAddress else { return .success(0) }
        return retryingInterrupts { read(fd, base, buffer.count) }
    }

    func writeBytes(_ fd: Int32, from buffer: UnsafeRawBufferPointer) -> Result<Int, Errno> {
        guard let base = buffer.baseAddress else { return .success(0) }
        return retryingInterrupts { write(fd, base, buffer.count) }
    }

    /// close() is never retried: on Linux the descriptor is gone even when it reports EINTR.
    func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    func pollFiles(_ fds: inout [pollfd], timeoutMilliseconds: Int32) -> Result<Int32, Errno> {
        fds.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .success(0) }
            return retryingInterrupts { poll(base, buffer.count, timeoutMilliseconds) }
        }
    }

    func getAttributes(_ fd: Int32) -> Result<termios, Errno> {
        var attributes = termios()
        return retryingInterrupts { tcgetattr(fd, &attributes) }.map { _ in attributes }
    }

    func setAttributes(_ fd: Int32, _ attributes: termios) -> Result<Void, Errno> {
        var attributes = attributes
        return retryingInterrupts { tcsetattr(fd, &attributes) }.map { _ in () }
    }

    func makeExclusive(_ fd: Int32) -> Result<Void, Errno> {
        retryingInterrupts { setExclusive(fd) }.map { _ in () }
    }

    /// Grabs an evdev node (`true`) or lets it go (`false`).
    func grabInputDevice(_ fd: Int32, _ grab: Bool) -> Result<Void, Errno> {
        retryingInterrupts { grabInput(fd, grab ? 1 : 0) }.map { _ in () }
    }
}
