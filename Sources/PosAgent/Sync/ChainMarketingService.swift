import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import ServiceLifecycle

/// The daemon's download of the chain's marketing images.
enum ChainMarketingService {
    /// The service for this configuration and how its rounds went, or nil when `[sync] marketing = false`.
    static func make(configuration: AgentConfiguration, server: String, marketing: MarketingSet, client: HTTPClient,
                     changes: MarketingChanges, logger: Logger) -> (service: SyncFeedService, status: ChainMarketingStatus)? {
        let settings = configuration.sync
        guard settings.chainMarketing else {
            logger.info("[sync] marketing = false: the chain's marketing images are not fetched from the central server")
            return nil
        }
        let endpoint = SyncEndpoint(configuration: configuration, server: server)
        let status = ChainMarketingStatus()
        let downloader = ChainMarketingDownloader(
            marketing: marketing, endpoint: endpoint, client: client, timeout: .seconds(settings.timeoutSeconds),
            status: status, changes: changes, logger: logger, caller: "sync from \(server)")
        let service = SyncFeedService(interval: .seconds(settings.intervalSeconds), maxBackoff: .seconds(settings.maxBackoffSeconds),
                                      failing: "applying the chain's marketing images failed", logger: logger) {
            try await downloader.refresh()
        }
        return (service, status)
    }
}
