import Foundation
import NIOConcurrencyHelpers

/// How the download of the chain's marketing images last went, for `GET /v1/sync` (kept in memory: a
/// restart fetches the set again at once).
final class ChainMarketingStatus: Sendable {
    struct Snapshot: Sendable {
        var lastSuccess: Date?
        var lastError: String?
        var lastErrorAt: Date?
        /// The chain's images the shop's set holds after the last success.
        var images: Int?
    }

    private let state = NIOLockedValueBox(Snapshot())

    var snapshot: Snapshot { state.withLockedValue { $0 } }

    func succeeded(images: Int, at now: Date = Date()) {
        state.withLockedValue { $0.lastSuccess = now; $0.lastError = nil; $0.images = images }
    }

    func failed(_ message: String, at now: Date = Date()) {
        state.withLockedValue { $0.lastError = message; $0.lastErrorAt = now }
    }
}
