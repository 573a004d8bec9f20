/// The scans from a scanner's port, as an async sequence: lines are split, checked, stripped of
/// their AIM prefix and debounced. Iteration ends when the port closes and throws
/// `.disconnected` when the scanner is unplugged.
public struct ScannerConnection: AsyncSequence, Sendable {
    public typealias Element = ScannerEvent

    private let port: SerialPort
    private let maxLength: Int
    private let debounceWindow: Duration

    public init(port: SerialPort, maxLength: Int = 128, debounceWindow: Duration = .milliseconds(700)) {
        self.port = port
        self.maxLength = maxLength
        self.debounceWindow = debounceWindow
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(bytes: port.bytes().makeAsyncIterator(), decoder: ScannerDecoder(maxLength: maxLength, debounceWindow: debounceWindow))
    }

    public struct Iterator: AsyncIteratorProtocol {
        var bytes: AsyncThrowingStream<[UInt8], any Error>.Iterator
        var decoder: ScannerDecoder
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
