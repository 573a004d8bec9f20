import Foundation

/// What the server settled (delivered or refused) and the ledger has not recorded yet. Recorded together,
/// in one SQLite transaction every `transactionsPerRecord` transactions or every `interval`, at the end of
/// a drain and before a failure is reported: a backlog then pays one disk sync per several batches, not one
/// per batch. An answer lost to a crash before it was recorded costs only a resend, which the server dedupes.
struct SettledUploads {
    static let transactionsPerRecord = 20_000
    static let interval: Duration = .seconds(1)

    /// Outbox seqs.
    private(set) var delivered: [Int64] = []
    private(set) var refused: [(seq: Int64, code: String, reason: String)] = []
    private var since: ContinuousClock.Instant?

    var isEmpty: Bool { delivered.isEmpty && refused.isEmpty }

    /// Due to be recorded.
    var isDue: Bool {
        guard let since else { return false }
        return delivered.count + refused.count >= Self.transactionsPerRecord || since.duration(to: .now) >= Self.interval
    }

    mutating func add(delivered seqs: [Int64], refused rejections: [(seq: Int64, code: String, reason: String)]) {
        if since == nil { since = .now }
        delivered += seqs
        refused += rejections
    }

    mutating func removeAll() {
        delivered = []
        refused = []
        since = nil
    }
}
