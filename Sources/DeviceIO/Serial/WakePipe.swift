#if canImport(Glibc)
import Glibc
#endif

/// A pipe whose only job is to wake a thread blocked in poll(), so closing a port never waits
/// for the device to send something.
struct WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32
    let syscalls: Syscalls

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
        var byte: UInt8 = 1
        _ = Glibc.write(writeEnd, &byte, 1)
    }

    func close() {
        syscalls.closeFile(readEnd)
        syscalls.closeFile(writeEnd)
    }
}
