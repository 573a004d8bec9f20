/// Drops a code that repeats within a time window: a scanner held over one item reads it again and
/// again, and the shop means one scan.
///
/// The caller passes the time of each scan, so tests drive it without a clock.
public struct ScanDebouncer: Sendable {
    public let window: Duration
    private var last: (value: String, at: ContinuousClock.Instant)?

    public init(window: Duration = .milliseconds(700)) {
        self.window = window
    }

    /// Whether the code is a new scan. A repeat within the window extends it, so a held trigger
    /// yields one scan however long it is held.
    public mutating func accept(_ value: String, at now: ContinuousClock.Instant) -> Bool {
        defer { last = (value, now) }
        guard let last, last.value == value else { return true }
        return now - last.at >= window
    }
}
