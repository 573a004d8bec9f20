/// A keyboard-wedge scanner's key events to scans: `KeyboardDecoder` makes the lines, and the
/// serial path's `ScannerDecoder` checks, strips and debounces them, so both kinds of scanner
/// accept exactly the same codes.
public struct KeyboardScannerDecoder: Sendable {
    private var keys: KeyboardDecoder
    private var scanner: ScannerDecoder

    public init(
        maxLength: Int = 128, interKeyTimeout: Duration = .milliseconds(50), tabEndsCode: Bool = false,
        debounceWindow: Duration = .milliseconds(700)
    ) {
        keys = KeyboardDecoder(maxLength: maxLength, interKeyTimeout: interKeyTimeout, tabEndsCode: tabEndsCode)
        scanner = ScannerDecoder(maxLength: maxLength, debounceWindow: debounceWindow)
    }

    /// `now` is when the events were read: debouncing runs on the agent's clock, as for serial.
    public mutating func feed<Events: Sequence<InputEvent>>(
        _ events: Events, at now: ContinuousClock.Instant = .now
    ) -> [ScannerEvent] {
        keys.feed(events).compactMap { output in
            switch output {
            case .line(let line): scanner.accept(line: line, at: now)
            case .rejected(let rejection): .rejected(rejection)
            }
        }
    }
}
