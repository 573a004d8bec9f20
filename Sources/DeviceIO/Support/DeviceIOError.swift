/// An error from the device layer.
///
/// Follows swift-service-lifecycle's error shape: a struct with an extensible `Code`, so adding a new
/// failure never breaks a caller's exhaustive `switch`. The message says what happened and what to do.
public struct DeviceIOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case openFailed, configureFailed, ioFailed, disconnected, closed
            case unresponsive, invalidMessage, encodingFailed, timedOut, udevFailed, noTablet
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The port could not be opened (missing, busy, or no permission).
        public static let openFailed = Code(.openFailed)
        /// termios or ioctl refused the port settings.
        public static let configureFailed = Code(.configureFailed)
        /// A read or write failed for a reason other than removal.
        public static let ioFailed = Code(.ioFailed)
        /// The device went away (EIO or hang-up), usually an unplug.
        public static let disconnected = Code(.disconnected)
        /// The port was already closed by this process.
        public static let closed = Code(.closed)
        /// The peer did not acknowledge a frame after every retry.
        public static let unresponsive = Code(.unresponsive)
        /// A frame carried JSON that is not a message of the protocol.
        public static let invalidMessage = Code(.invalidMessage)
        /// A message could not be turned into a frame (too large, or not encodable).
        public static let encodingFailed = Code(.encodingFailed)
        /// An expected answer did not arrive in time.
        public static let timedOut = Code(.timedOut)
        /// libudev could not be set up or read.
        public static let udevFailed = Code(.udevFailed)
        /// A screen was to be shown but no tablet is present.
        public static let noTablet = Code(.noTablet)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    /// The errno behind the failure, when there is one.
    public var errno: Errno?

    public init(_ code: Code, _ message: String, errno: Errno? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    public var description: String {
        if let errno { return "\(code): \(message) (\(errno))" }
        return "\(code): \(message)"
    }
}
