/// The scans from a scanner, as an async sequence: a serial scanner's lines, or a keyboard-wedge
/// scanner's key events, are checked, stripped of their AIM prefix and debounced alike. Iteration
/// ends when the port closes and throws `.disconnected` when the scanner is unplugged.
public struct ScannerConnection: AsyncSequence, Sendable {
    public typealias Element = ScannerEvent

    private let bytes: @Sendable () -> AsyncThrowingStream<[UInt8], any Error>
    private let decoder: Decoder

    public init(port: SerialPort, maxLength: Int = 128, debounceWindow: Duration = .milliseconds(700)) {
        bytes = { port.bytes() }
        decoder = .serial(ScannerDecoder(maxLength: maxLength, debounceWindow: debounceWindow))
    }

    /// - Parameters:
    ///   - interKeyTimeout: keys further apart than this make a line typing, not a scan.
    ///   - tabEndsCode: whether Tab ends a code as Enter does.
    public init(
        keyboard: KeyboardPort, maxLength: Int = 128, interKeyTimeout: Duration = .milliseconds(50), tabEndsCode: Bool = false,
        debounceWindow: Duration = .milliseconds(700)
    ) {
        bytes = { keyboard.records() }
        decoder = .keyboard(
            InputEventReader(),
            KeyboardScannerDecoder(maxLength: maxLength, interKeyTimeout: interKeyTimeout, tabEndsCode: tabEndsCode, debounceWindow: debounceWindow)
        )
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(bytes: bytes().makeAsyncIterator(), decoder: decoder)
    }

    enum Decoder: Sendable {
        case serial(ScannerDecoder)
        case keyboard(InputEventReader, KeyboardScannerDecoder)

        mutating func feed(_ chunk: [UInt8], at now: ContinuousClock.Instant) -> [ScannerEvent] {
            switch self {
            case .serial(var decoder):
                defer { self = .serial(decoder) }
                return decoder.feed(chunk, at: now)
            case .keyboard(var reader, var decoder):
                defer { self = .keyboard(reader, decoder) }
                return decoder.feed(reader.feed(chunk), at: now)
            }
        }
    }

    public struct Iterator: AsyncIteratorProtocol {
        var bytes: AsyncThrowingStream<[UInt8], any Error>.Iterator
        var decoder: Decoder
        var ready: [ScannerEvent] = []

        public mutating func next() async throws -> ScannerEvent? {
            while ready.isEmpty {
                guard let chunk = try await bytes.next() else { return nil }
                ready = decoder.feed(chunk, at: .now)
            }
            return ready.removeFirst()
        }
    }
}
