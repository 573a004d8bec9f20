import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import NIOCore
import NIOHTTP1
import SyncWire

/// Fetches members' one-time-code secrets that the central server made, page by page from the cursor the
/// ledger saved, and imports each page with its cursor in one SQLite transaction (docs/sync-protocol.md).
struct OTPSecretDownloader: Sendable {
    let ledger: Ledger
    /// The key that seals what is imported: the one in use at each fetch, so a reload (SIGHUP) applies.
    let key: CurrentOTPKey
    let storeID: String
    let endpoint: SyncEndpoint
    let client: HTTPClient
    let pageSize: Int
    let timeout: TimeAmount
    let logger: Logger
    /// Who the audit log names for what this imports: "sync from https://loyalty.example.com".
    let caller: String

    /// Fetches and imports until the server has nothing more; throws `SyncFailure` (already recorded) when a
    /// fetch fails. Returns how many secrets were imported; nothing is fetched while there is no OTP key.
    func drain() async throws -> Int {
        var imported = 0
        while !Task.isShuttingDownGracefully {
            guard let key = key.value else { break }
            let otp = ledger.otp(key: key, storeID: storeID)
            let page: OTPSecretPage
            do {
                page = try await fetch(after: try await ledger.otpFeedState().cursor)
            } catch {
                let failure = error as? SyncFailure ?? SyncFailure("\(error)")
                try await ledger.recordOTPFeedFailure(failure.description, at: Date())
                logger.warning("fetching one-time-code secrets failed; trying again later", metadata: ["error": "\(failure)"])
                throw failure
            }
            let entries = page.secrets.map { $0.entry(syncStoreID: endpoint.storeID, storeID: otp.storeID) }
            let result = try await otp.importFeedPage(entries, cursor: page.cursor, caller: caller)
            imported += result.imported
            for refusal in result.refusals {
                logger.error("a one-time-code secret from the central server was refused", metadata: [
                    "member": "\(refusal.member)", "code": "\(refusal.code)", "reason": "\(refusal.reason)",
                ])
            }
            guard page.nextCursor != nil, !page.secrets.isEmpty else { break }
        }
        if imported > 0 { logger.info("imported one-time-code secrets", metadata: ["secrets": "\(imported)"]) }
        return imported
    }

    private func fetch(after cursor: String?) async throws -> OTPSecretPage {
        var query = URLComponents()
        query.queryItems = (cursor.map { [URLQueryItem(name: "after", value: $0)] } ?? []) + [URLQueryItem(name: "limit", value: String(pageSize))]
        let url = endpoint.otpSecretsURL + "?" + (query.percentEncodedQuery ?? "")
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        return try await endpoint.exchange(request, for: "one-time-code secrets", decoding: OTPSecretPage.self,
                                           client: client, timeout: timeout)
    }
}
