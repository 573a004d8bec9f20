import AsyncHTTPClient
import Crypto
import Foundation
import Loyalty
import NIOCore
import NIOHTTP1
import SyncWire

/// A batch read from the outbox with its body, ready to post.
struct UploadBatch: Sendable {
    /// The transactions' ids and outbox seqs, in `seq` order.
    var ids: [String]
    var seqs: [Int64]
    var body: ByteBuffer
    /// The same batch always gets the same key, so a resend is recognizably a resend.
    var key: String
}

/// One request of the upload: reading and encoding a batch, posting it, reading the answer.
extension SyncUploader {
    /// The next batch waiting (after `seq`, if given), or nil when none is.
    nonisolated func batch(after seq: Int64?) async throws -> UploadBatch? {
        guard let waiting = try await ledger.pendingUploadBatch(limit: batchSize, after: seq) else { return nil }
        return UploadBatch(ids: waiting.ids, seqs: waiting.seqs,
                           body: UploadBodyBytes.encode(waiting, opening: bodyOpening), key: Self.batchKey(waiting.ids))
    }

    func send(_ batch: UploadBatch) async throws -> UploadAnswer {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: batch.key)
        request.body = .bytes(batch.body)
        return try await endpoint.exchange(request, for: "a batch of \(batch.ids.count) transactions", client: client, timeout: timeout) { body in
            try body.withUnsafeReadableBytes { bytes throws(JSONScanner.Failure) in try UploadAnswer(json: bytes) }
        }
    }

    /// A UUID-shaped key derived from the batch's transaction ids.
    static func batchKey(_ ids: [String]) -> String {
        let digest = SHA256.hash(data: Data(ids.joined(separator: ",").utf8))
        let hex = String(decoding: digest.prefix(16).flatMap { [JSONBytes.hexDigits[Int($0 >> 4)], JSONBytes.hexDigits[Int($0 & 0x0F)]] },
                         as: UTF8.self)
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.map(String.init).joined(separator: "-")
    }
}
