import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import Loyalty
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Sends the outbox to the central server in `seq` order, a batch per request, and records what the
/// server made of each transaction. The server dedupes by transaction id, so a batch whose answer was
/// lost is simply sent again.
actor SyncUploader {
    private let ledger: Ledger
    private let endpoint: SyncEndpoint
    private let client: HTTPClient
    private let batchSize: Int
    private let timeout: TimeAmount
    private let timeZone: TimeZone
    private let logger: Logger

    init(ledger: Ledger, endpoint: SyncEndpoint, client: HTTPClient, batchSize: Int, timeoutSeconds: Int64,
         timeZone: TimeZone, logger: Logger) {
        self.ledger = ledger
        self.endpoint = endpoint
        self.client = client
        self.batchSize = batchSize
        self.timeout = .seconds(timeoutSeconds)
        self.timeZone = timeZone
        self.logger = logger
    }

    /// Uploads until nothing is waiting; throws `SyncFailure` (already recorded) when an attempt fails.
    /// Returns how many transactions were delivered or dead-lettered.
    func drain() async throws -> Int {
        var done = 0
        while !Task.isShuttingDownGracefully {
            let items = try await ledger.pendingUploads(limit: batchSize)
            guard !items.isEmpty else { return done }
            let answer: UploadAnswer
            do {
                answer = try await send(items)
            } catch {
                let failure = error as? SyncFailure ?? SyncFailure("\(error)")
                try await ledger.recordUploadFailure(failure.description, at: Date())
                logger.warning("upload failed; the batch stays queued", metadata: ["error": "\(failure)", "batch": "\(items.count)"])
                throw failure
            }
            let sent = Set(items.map(\.id))
            let delivered = (answer.accepted + answer.duplicates).filter(sent.contains)
            let refused = answer.rejected.filter { sent.contains($0.id) }.map { (id: $0.id, code: $0.code, reason: $0.reason) }
            try await ledger.recordUpload(delivered: delivered, refused: refused, at: Date())
            if !refused.isEmpty {
                logger.error("the server refused transactions; they are kept as dead letters", metadata: ["count": "\(refused.count)"])
            }
            let answered = delivered.count + refused.count
            done += answered
            guard answered > 0 else {
                let failure = SyncFailure("the server answered none of the \(items.count) transactions sent")
                try await ledger.recordUploadFailure(failure.description, at: Date())
                throw failure
            }
        }
        return done
    }

    private func send(_ items: [OutboxItem]) async throws -> UploadAnswer {
        let batch = UploadBatch(
            agent: .init(storeId: endpoint.storeID, agentId: endpoint.agentID, version: PosAgentVersion.current),
            transactions: items.map { UploadBatch.Transaction($0, timeZone: timeZone) })
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(try endpoint.token())")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: Self.batchKey(items))
        request.headers.add(name: "User-Agent", value: "posagent/\(PosAgentVersion.current)")
        request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(batch)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw SyncFailure("no answer from \(endpoint.url): \(error)")
        }
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else {
            throw SyncFailure("the server answered \(response.status.code) \(response.status.reasonPhrase)")
        }
        do {
            return try JSONDecoder().decode(UploadAnswer.self, from: Data(buffer: body))
        } catch {
            throw SyncFailure("the server's answer is not the expected JSON: \(error)")
        }
    }

    /// The same batch always gets the same key, so a resend is recognizably a resend.
    static func batchKey(_ items: [OutboxItem]) -> String {
        let digest = Array(SHA256.hash(data: Data(items.map(\.id).joined(separator: ",").utf8)))
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.map(String.init).joined(separator: "-")
    }
}
