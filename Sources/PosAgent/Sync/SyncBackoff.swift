import Foundation
import Logging
import ServiceLifecycle

/// How the sync services repeat their work: every `interval` while it succeeds, and while it fails after a
/// random wait up to min(cap, 1 s × 2^failures) (full jitter), so that shops coming back online do not
/// all call the central server at once.
struct SyncBackoff {
    let interval: Duration
    let cap: Duration

    private static func wait(after failures: Int, cap: Duration) -> Duration {
        let ceiling = min(Double(cap.components.seconds), pow(2, Double(min(failures, 30))))
        return .milliseconds(Int64(Double.random(in: 0...ceiling) * 1000))
    }

    /// Runs `attempt` until the task is cancelled or the daemon shuts down; `pause` waits before the next
    /// one, given the wait and whether the last attempt succeeded. A `SyncFailure` was already recorded
    /// and logged where it happened; any other error is logged here as `failing`.
    func repeatedly(_ attempt: () async throws -> Void, failing: String, logger: Logger,
                    pause: @escaping @Sendable (_ wait: Duration, _ healthy: Bool) async throws -> Void) async {
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await attempt()
                failures = 0
            } catch is CancellationError {
                return
            } catch is SyncFailure {
                failures += 1
            } catch {
                logger.error("\(failing); trying again later", metadata: ["error": "\(error)"])
                failures += 1
            }
            let healthy = failures == 0
            let wait = healthy ? interval : Self.wait(after: failures, cap: cap)
            try? await cancelWhenGracefulShutdown { try await pause(wait, healthy) }
        }
    }
}
