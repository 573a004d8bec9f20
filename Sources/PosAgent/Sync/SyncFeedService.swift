import Foundation
import Logging
import ServiceLifecycle

/// A download from the central server that the daemon repeats: every `interval` (the uploader's) and at
/// once at `posagent sync now`, backing off like the uploader while the server fails. Members' secrets
/// and the chain's marketing images each run as one.
struct SyncFeedService: Service {
    /// Wakes it early when an admin asks (`posagent sync now`).
    let trigger = SyncTrigger()
    let interval: Duration
    let maxBackoff: Duration
    /// What a failure that is not a `SyncFailure` is logged as ("importing one-time-code secrets failed").
    let failing: String
    let logger: Logger
    let round: @Sendable () async throws -> Void

    func run() async throws {
        await SyncBackoff(interval: interval, cap: maxBackoff).repeatedly({
            try await round()
        }, failing: failing, logger: logger) { wait, _ in
            await trigger.wait(for: wait, nudgeable: false)
        }
    }
}
