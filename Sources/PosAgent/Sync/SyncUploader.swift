import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import NIOCore
import ServiceLifecycle
import SyncWire

/// Sends the outbox to the central server in `seq` order, a batch per request, and records what the
/// server made of each transaction. The server dedupes by transaction id, so a batch whose answer was
/// lost is simply sent again.
///
/// A drain is a pipeline: the next batch is read (the JSON the outbox stored at commit, joined) while one
/// is on the wire, and answers are recorded (`SettledUploads`) while the next batches go out.
actor SyncUploader {
    let ledger: Ledger
    let endpoint: SyncEndpoint
    let client: HTTPClient
    let batchSize: Int
    let timeout: TimeAmount
    /// `{"agent":{…},"transactions":[`, the same for every batch.
    let bodyOpening: [UInt8]
    let logger: Logger

    init(ledger: Ledger, endpoint: SyncEndpoint, client: HTTPClient, batchSize: Int, timeoutSeconds: Int64, logger: Logger) {
        self.ledger = ledger
        self.endpoint = endpoint
        self.client = client
        self.batchSize = batchSize
        self.timeout = .seconds(timeoutSeconds)
        self.bodyOpening = UploadBodyBytes.opening(
            UploadAgent(storeID: endpoint.storeID, agentID: endpoint.agentID, version: PosAgentVersion.current))
        self.logger = logger
    }

    /// Uploads until nothing is waiting; throws `SyncFailure` (already recorded) when an attempt fails.
    /// Returns how many transactions were delivered or dead-lettered.
    func drain() async throws -> Int {
        var settled = SettledUploads()
        do {
            let done = try await upload(settling: &settled)
            try await record(&settled)
            return done
        } catch is CancellationError {
            try? await record(&settled)
            throw CancellationError()
        } catch {
            try? await record(&settled)
            let failure = error as? SyncFailure ?? SyncFailure("\(error)")
            try await ledger.recordUploadFailure(failure.description, at: Date())
            logger.warning("upload failed; the batch stays queued", metadata: ["error": "\(failure)"])
            throw failure
        }
    }

    /// Sends batch after batch; what the server settled and is not yet recorded is left in `settled`.
    private func upload(settling settled: inout SettledUploads) async throws -> Int {
        try await withThrowingTaskGroup(of: Void.self) { recording in
            do {
                var done = 0
                var next = try await batch(after: nil)
                while let current = next, !Task.isShuttingDownGracefully {
                    async let following = batch(after: current.seqs.last)
                    let answered = try settle(try await send(current), for: current, into: &settled)
                    done += answered
                    if answered == current.ids.count {
                        if settled.isDue {
                            // One record at a time, in order; a failed one fails the drain here.
                            _ = try await recording.next()
                            let due = settled, ledger = ledger
                            settled.removeAll()
                            recording.addTask { try await ledger.recordUpload(delivered: due.delivered, refused: due.refused, at: Date()) }
                        }
                        next = try await following
                    } else {
                        // What the server left unanswered stays queued and goes first in the next batch.
                        try await recording.waitForAll()
                        try await record(&settled)
                        next = try await batch(after: nil)
                    }
                }
                try await recording.waitForAll()
                return done
            } catch {
                // A record under way finishes rather than being cancelled; drain() records the rest.
                try? await recording.waitForAll()
                throw error
            }
        }
    }

    /// Adds what the server said of `batch` to `settled`; returns how many of its transactions it settled.
    private func settle(_ answer: UploadAnswer, for batch: UploadBatch, into settled: inout SettledUploads) throws -> Int {
        // The usual answer, every transaction accepted (or every one a duplicate) in the order sent, needs no lookup.
        if answer.rejected.isEmpty,
           (answer.duplicates.isEmpty && answer.accepted == batch.ids) || (answer.accepted.isEmpty && answer.duplicates == batch.ids) {
            settled.add(delivered: batch.seqs, refused: [])
            return batch.ids.count
        }
        let sent = Dictionary(zip(batch.ids, batch.seqs), uniquingKeysWith: { first, _ in first })
        let delivered = (answer.accepted + answer.duplicates).compactMap { sent[$0] }
        let refused = answer.rejected.compactMap { rejection in
            sent[rejection.id].map { (seq: $0, code: rejection.code, reason: rejection.reason) }
        }
        if !refused.isEmpty {
            logger.error("the server refused transactions; they are kept as dead letters", metadata: ["count": "\(refused.count)"])
        }
        settled.add(delivered: delivered, refused: refused)
        let answered = Set(delivered + refused.map(\.seq)).count
        guard answered > 0 else {
            throw SyncFailure("the server answered none of the \(batch.ids.count) transactions sent")
        }
        return answered
    }

    private func record(_ settled: inout SettledUploads) async throws {
        guard !settled.isEmpty else { return }
        try await ledger.recordUpload(delivered: settled.delivered, refused: settled.refused, at: Date())
        settled.removeAll()
    }
}
