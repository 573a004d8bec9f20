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
        await SyncBackoff(interval: interval, cap: maxBackoff).repeatedly({
            let sent = try await uploader.drain()
            if sent > 0 { logger.info("uploaded", metadata: ["transactions": "\(sent)"]) }
        }, failing: "uploading failed", logger: logger) { wait, healthy in
            await trigger.wait(for: wait, nudgeable: healthy)
            if healthy { try await Task.sleep(for: debounce) }
        }
    }
}
