import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import NIOCore
import SyncWire

/// Fetches the chain's marketing set from the central server and makes the shop's chain images match it
/// (docs/sync-protocol.md "Marketing images"): only images the shop does not hold are downloaded, each
/// checked against its hash and as a manager's upload would be; the tablets hear of every change.
struct ChainMarketingDownloader: Sendable {
    let marketing: MarketingSet
    let endpoint: SyncEndpoint
    let client: HTTPClient
    let timeout: TimeAmount
    let status: ChainMarketingStatus
    let changes: MarketingChanges
    let logger: Logger
    /// Who the audit log names for what this changes: "sync from https://loyalty.example.com".
    let caller: String

    /// One round; throws `SyncFailure` (already recorded and logged) when the server fails.
    func refresh() async throws {
        let change: ChainSetChange
        do {
            let set = try await endpoint.exchange(
                HTTPClientRequest(url: endpoint.marketingURL), for: "the chain's marketing images", decoding: ChainMarketingSet.self,
                client: client, timeout: timeout)
            change = try await marketing.applyChainSet(set.images, caller: caller) { sha256 in try await image(sha256) }
        } catch {
            let failure = error as? SyncFailure ?? SyncFailure("\(error)")
            status.failed(failure.description)
            logger.warning("fetching the chain's marketing images failed; trying again later", metadata: ["error": "\(failure)"])
            throw failure
        }
        for refusal in change.refusals {
            logger.error("an image of the chain's marketing set was refused", metadata: ["sha256": "\(refusal.sha256)", "reason": "\(refusal.reason)"])
        }
        status.succeeded(images: try await marketing.images().filter { $0.origin == "central" }.count)
        guard change.changed else { return }
        logger.info("the chain's marketing images changed", metadata: [
            "added": "\(change.added.count)", "removed": "\(change.removed.count)", "updated": "\(change.updated.count)",
        ])
        changes.changed()
    }

    private func image(_ sha256: String) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: "\(endpoint.marketingURL)/images/\(sha256)")
        request.headers.add(name: "Accept", value: "image/png, image/jpeg")
        return try await endpoint.exchange(request, for: "the chain's marketing image \(sha256)", client: client, timeout: timeout) { body in
            Array(body.readableBytesView)
        }
    }
}
