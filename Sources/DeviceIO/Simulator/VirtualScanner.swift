/// A barcode scanner on a pseudo-terminal: each scan is written as a line, as a USB CDC-ACM
/// scanner in serial mode does.
public struct VirtualScanner: Sendable {
    public enum Terminator: String, Sendable, CaseIterable {
        case cr, lf, crlf

        var bytes: [UInt8] {
            switch self {
            case .cr: [0x0D]
            case .lf: [0x0A]
            case .crlf: [0x0D, 0x0A]
            }
        }
    }

    private let terminal: PseudoTerminal
    public var terminator: Terminator
    /// An AIM identifier (e.g. "E0") to put before every code, as scanners configured for it do.
    public var symbology: String?

    /// The path the daemon should open.
    public var devicePath: String { terminal.devicePath }

    public init(terminator: Terminator = .crlf, symbology: String? = nil) throws(DeviceIOError) {
        terminal = try PseudoTerminal.open()
        self.terminator = terminator
        self.symbology = symbology
    }

    public func scan(_ code: String) throws(DeviceIOError) {
        let prefix = symbology.map { "]" + $0 } ?? ""
        try send(Array((prefix + code).utf8) + terminator.bytes)
    }

    /// Writes bytes as they are, for garbage and split-line tests.
    public func send(_ bytes: [UInt8]) throws(DeviceIOError) {
        try terminal.controller.write(bytes)
    }

    /// Unplugs the scanner.
    public func close() {
        terminal.close()
    }
}
