#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair standing in for a serial cable: the simulator writes on `controller`,
/// and the daemon opens `devicePath` as it would open /dev/ttyACM0.
public struct PseudoTerminal: Sendable {
    /// The simulator's end.
    public let controller: SerialPort
    /// The path of the device end, e.g. /dev/pts/3.
    public let devicePath: String
    /// The device end, held open by the simulator so the pair survives the daemon closing and
    /// reopening it (a pty whose device end has no opener reports EIO to the controller).
    private let deviceKeeper: SerialPort

    public static func open(syscalls: Syscalls = .live) throws(DeviceIOError) -> PseudoTerminal {
        var controllerFD: Int32 = -1
        var deviceFD: Int32 = -1
        guard openpty(&controllerFD, &deviceFD, nil, nil, nil) == 0 else {
            throw DeviceIOError(.openFailed, "cannot create a pseudo-terminal; check /dev/ptmx and the descriptor limit", errno: .current)
        }
        _ = fcntl(controllerFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(deviceFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(controllerFD, F_SETFL, fcntl(controllerFD, F_GETFL) | O_NONBLOCK)
        let controller = SerialPort(adopting: controllerFD, path: "pty-controller", syscalls: syscalls)
        // ttyname_r, not ttyname: the latter's static buffer is shared by every thread.
        var name = [CChar](repeating: 0, count: 128)
        let failure = ttyname_r(deviceFD, &name, name.count)
        guard failure == 0 else {
            Glibc.close(deviceFD)
            throw DeviceIOError(.openFailed, "cannot name the device end of a pseudo-terminal", errno: Errno(rawValue: failure))
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let keeper = SerialPort(adopting: deviceFD, path: path, syscalls: syscalls)
        // Raw from the start: until the daemon sets it, the line discipline would echo bytes back
        // to the simulator and turn CR into LF.
        var attributes = termios()
        if tcgetattr(deviceFD, &attributes) == 0, let raw = try? SerialSettings(baud: 115200).apply(to: attributes) {
            var raw = raw
            _ = tcsetattr(deviceFD, TCSANOW, &raw)
        }
        return PseudoTerminal(controller: controller, devicePath: path, deviceKeeper: keeper)
    }

    /// Closes both ends; a daemon reading the device end sees a hang-up, as on an unplug.
    public func close() {
        deviceKeeper.close()
        controller.close()
    }
}
