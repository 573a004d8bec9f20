import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import ServiceLifecycle

/// The daemon's download of the chain's marketing images: every `interval` (the uploader's), backing off
/// like the uploader while the server fails.
struct ChainMarketingService: Service {
    let downloader: ChainMarketingDownloader
    /// Wakes it early when an admin asks (`posagent sync now`).
    let trigger: SyncTrigger
    let interval: Duration
    let maxBackoff: Duration

    func run() async throws {
        await SyncBackoff(interval: interval, cap: maxBackoff).repeatedly({
            try await downloader.refresh()
        }, failing: "applying the chain's marketing images failed", logger: downloader.logger) { wait, _ in
            await trigger.wait(for: wait, nudgeable: false)
        }
    }

    /// The service for this configuration, or nil when `[sync] marketing = false`.
    static func make(configuration: AgentConfiguration, server: String, marketing: MarketingSet, client: HTTPClient,
                     changes: MarketingChanges, logger: Logger) -> ChainMarketingService? {
        let settings = configuration.sync
        guard settings.chainMarketing else {
            logger.info("[sync] marketing = false: the chain's marketing images are not fetched from the central server")
            return nil
        }
        let endpoint = SyncEndpoint(configuration: configuration, server: server)
        let downloader = ChainMarketingDownloader(
            marketing: marketing, endpoint: endpoint, client: client, timeout: .seconds(settings.timeoutSeconds),
            status: ChainMarketingStatus(), changes: changes, logger: logger, caller: "sync from \(server)")
        return ChainMarketingService(downloader: downloader, trigger: SyncTrigger(), interval: .seconds(settings.intervalSeconds),
                                     maxBackoff: .seconds(settings.maxBackoffSeconds))
    }
}
