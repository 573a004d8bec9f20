#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A pipe whose only job is to wake a thread blocked in poll(), so closing a port or a udev
/// monitor never waits for the device to send something.
///
/// `signal()` and `close()` may race (a consumer cancels while the thread exits on an error), so
/// both go through one lock: a signal after close writes nothing, never into a reused descriptor.
final class WakePipe: Sendable {
    let readEnd: Int32
    private let writeEnd: Mutex<Int32?>
    private let syscalls: Syscalls

    private init(readEnd: Int32, writeEnd: Int32, syscalls: Syscalls) {
        self.readEnd = readEnd
        self.writeEnd = Mutex(writeEnd)
        self.syscalls = syscalls
    }

    static func make(syscalls: Syscalls) throws(DeviceIOError) -> WakePipe {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw DeviceIOError(.ioFailed, "cannot create a pipe for a port reader; the process may be out of descriptors", errno: .current)
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        return WakePipe(readEnd: ends[0], writeEnd: ends[1], syscalls: syscalls)
    }

    func signal() {
        writeEnd.withLock { end in
            guard let end else { return }
            var byte: UInt8 = 1
            _ = Glibc.write(end, &byte, 1)
        }
    }

    /// Closes both ends, once.
    func close() {
        writeEnd.withLock { end in
            guard let open = end else { return }
            syscalls.closeFile(readEnd)
            syscalls.closeFile(open)
            end = nil
        }
    }
}
