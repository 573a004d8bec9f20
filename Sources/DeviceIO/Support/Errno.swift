#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An errno value, as swift-system's `Errno`: a small typed error that prints its C name's meaning.
public struct Errno: Error, Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's `errno`, read right after a failed C call.
    static var current: Errno { Errno(rawValue: errno) }

    public static let interrupted = Errno(rawValue: EINTR)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    public static let ioError = Errno(rawValue: EIO)
    public static let noSuchFile = Errno(rawValue: ENOENT)
    public static let busy = Errno(rawValue: EBUSY)
    public static let badFileDescriptor = Errno(rawValue: EBADF)
    public static let notATerminal = Errno(rawValue: ENOTTY)
    public static let noDevice = Errno(rawValue: ENODEV)
    public static let noSuchDevice = Errno(rawValue: ENXIO)

    public var description: String {
        guard let text = strerror(rawValue) else { return "errno \(rawValue)" }
        return "\(String(cString: text)) (errno \(rawValue))"
    }
}
