import Foundation

/// Where the ledger gets the current time, so tests and replays can control it.
public protocol LedgerClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: LedgerClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to: for tests, simulations and benchmarks.
public final class ManualClock: LedgerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        lock.withLock { current = date }
    }
}

extension Date {
    /// Milliseconds since 1970 in UTC: how the ledger stores instants.
    var ledgerMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    init(ledgerMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(ledgerMilliseconds) / 1000)
    }
}
