/// What a scanner's bytes amounted to.
public enum ScannerEvent: Hashable, Sendable {
    case scanned(Barcode)
    /// A line that was not a valid code; the daemon logs it as a warning.
    case rejected(ScanRejection)
}

/// Turns a scanner's bytes into scans: lines, validation, AIM prefix, then debounce.
public struct ScannerDecoder: Sendable {
    private var splitter: ScanLineSplitter
    private var debouncer: ScanDebouncer

    public init(maxLength: Int = 128, debounceWindow: Duration = .milliseconds(700)) {
        splitter = ScanLineSplitter(maxLength: maxLength)
        debouncer = ScanDebouncer(window: debounceWindow)
    }

    public mutating func feed<Bytes: Sequence<UInt8>>(
        _ bytes: Bytes, at now: ContinuousClock.Instant = .now
    ) -> [ScannerEvent] {
        splitter.feed(bytes).compactMap { output in
            switch output {
            case .overlong(let length):
                return .rejected(.overlong(length: length))
            case .line(let line):
                return accept(line: line, at: now)
            }
        }
    }

    /// Checks one whole line (a serial line, or a keyboard scanner's code), strips its AIM prefix
    /// and debounces it; nil when it repeats a scan within the window.
    public mutating func accept(line: [UInt8], at now: ContinuousClock.Instant = .now) -> ScannerEvent? {
        switch BarcodeParser.parse(line) {
        case .failure(let rejection):
            return .rejected(rejection)
        case .success(let barcode):
            return debouncer.accept(barcode.value, at: now) ? .scanned(barcode) : nil
        }
    }
}
