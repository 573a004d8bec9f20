#if canImport(Glibc)
import Glibc
#endif

/// Line settings of a serial port. Always raw 8N1 without flow control: scanners and tablets
/// speak bytes, and any line discipline (echo, CR→LF) would corrupt frames.
public struct SerialSettings: Hashable, Sendable {
    public var baud: Int

    public init(baud: Int) {
        self.baud = baud
    }

    public static let supportedBauds: [Int] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400]

    func speed() throws(DeviceIOError) -> speed_t {
        switch baud {
        case 1200: speed_t(B1200)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 9600: speed_t(B9600)
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115200: speed_t(B115200)
        case 230400: speed_t(B230400)
        default:
            throw DeviceIOError(
                .configureFailed,
                "baud \(baud) is not supported; use one of \(Self.supportedBauds.map(String.init).joined(separator: ", "))"
            )
        }
    }

    /// The termios for raw 8N1 at this speed, starting from the port's current attributes so
    /// fields this code does not know keep their values.
    func apply(to current: termios) throws(DeviceIOError) -> termios {
        var attributes = current
        cfmakeraw(&attributes)
        attributes.c_cflag &= ~(tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        attributes.c_cflag |= tcflag_t(CS8) | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        attributes.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        // Reads are non-blocking and driven by poll(), so VMIN/VTIME only matter to other readers.
        withUnsafeMutableBytes(of: &attributes.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        let speed = try speed()
        cfsetispeed(&attributes, speed)
        cfsetospeed(&attributes, speed)
        return attributes
    }
}
