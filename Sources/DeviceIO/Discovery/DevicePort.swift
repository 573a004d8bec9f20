/// The open node of an attached device: a tty, or a keyboard scanner's grabbed input node.
public enum DevicePort: Sendable {
    case serial(SerialPort)
    case keyboard(KeyboardPort)

    /// Whether it has been closed, by the manager or by its reader on a failure (EIO, ENODEV).
    public var isClosed: Bool {
        switch self {
        case .serial(let port): port.isClosed
        case .keyboard(let port): port.isClosed
        }
    }

    /// Closes it (a keyboard's grab is let go first). Idempotent.
    public func close() {
        switch self {
        case .serial(let port): port.close()
        case .keyboard(let port): port.close()
        }
    }

    /// The tty, for a tablet, a probe or a serial scanner.
    public var serial: SerialPort? {
        if case .serial(let port) = self { port } else { nil }
    }

    /// The input node, for a keyboard scanner.
    public var keyboard: KeyboardPort? {
        if case .keyboard(let port) = self { port } else { nil }
    }

    /// Whether both are the same open port, not merely ports of the same node.
    public func isSame(as other: DevicePort) -> Bool {
        switch (self, other) {
        case (.serial(let a), .serial(let b)): a === b
        case (.keyboard(let a), .keyboard(let b)): a === b
        default: false
        }
    }
}
