import Foundation
import Logging
import ServiceLifecycle

/// The daemon's uploader: every `interval`, shortly after commits, and at once when asked; backs off
/// exponentially with full jitter while the server fails.
struct SyncService: Service {
    let uploader: SyncUploader
    let trigger: SyncTrigger
    let interval: Duration
    let maxBackoff: Duration
    let logger: Logger
    /// Commits that come close together go in one batch.
    var debounce: Duration = .seconds(1)

    func run() async throws {
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let sent = try await uploader.drain()
                if sent > 0 { logger.info("uploaded", metadata: ["transactions": "\(sent)"]) }
                failures = 0
            } catch is CancellationError {
                return
            } catch {
                failures += 1
            }
            let healthy = failures == 0
            let wait = healthy ? interval : backoff(after: failures)
            try? await cancelWhenGracefulShutdown {
                await trigger.wait(for: wait, nudgeable: healthy)
                if healthy { try await Task.sleep(for: debounce) }
            }
        }
    }

    /// Full jitter: a random wait up to min(cap, 1 s × 2^failures).
    func backoff(after failures: Int) -> Duration { SyncBackoff.wait(after: failures, cap: maxBackoff) }
}
