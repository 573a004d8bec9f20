import Foundation
import Loyalty
import Testing

/// A shop that was offline for a long time: its backlog drains completely through the daemon's uploader,
/// and the central server ends with each queued transaction once, under its id and seq.
extension DaemonSuites {
@Suite struct SyncBacklogTests {
    static let backlog = 100_000
    static let batchSize = 500

    /// Imports `count` accruals of the last few days into a new ledger at `path`, as the import path and a
    /// long offline stretch leave it, and returns the queue as the ledger holds it: sync id -> seq.
    func queueBacklog(at path: String, count: Int) async throws -> [String: Int64] {
        let ledger = try Ledger(database: try LedgerDatabase(path: path))
        // Recent enough that no point expires while the daemon runs: expiries would be uploaded too.
        let origin = Date().addingTimeInterval(-Double(count) * 5)
        var next = 0
        while next < count {
            let batch = try (next..<min(next + 20_000, count)).map { index in
                HistoricalAccrual(
                    member: .phone(try PhoneNumber(parsing: "010\(30_000_000 + index % 10_000)")),
                    payment: Int64(1_000 + index % 50_000 * 10), occurredAt: origin.addingTimeInterval(Double(index) * 5))
            }
            try await ledger.importAccruals(batch)
            next += batch.count
        }
        let waiting = try await ledger.pendingUploads(limit: count + 1)
        return Dictionary(waiting.map { ($0.id, $0.seq) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aHundredThousandTransactionBacklogDrainsCompletely() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-backlog-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.sqlite").path
        let queued = try await queueBacklog(at: path, count: Self.backlog)
        try #require(queued.count == Self.backlog, "the import queued one outbox row per transaction")

        let server = try await CentralServer.launch()
        let daemon = try await DaemonHarness.launch(extraConfiguration: """

            [sync]
            server = "\(server.url)"
            token_file = "\(server.tokenFile.path)"
            batch_size = \(Self.batchSize)
            """, database: path)
        var status: [String: Any] = [:]
        try await waitUntil("the backlog is drained", timeout: 240, every: .milliseconds(500)) {
            status = try await daemon.request("GET", "/v1/sync").json()
            return status["backlog"] as? Int == 0
        }
        #expect((status["deadLetters"] as? [Any])?.count == 0, "\(status["deadLetters"] ?? "no dead letter list")")

        let held = try await server.stored()
        let missing = queued.keys.filter { held.seqs[$0] == nil }
        let unknown = held.seqs.keys.filter { queued[$0] == nil }
        let wrongSeq = queued.filter { id, seq in held.seqs[id].map { $0 != seq } ?? false }
        #expect(held.seqs.count == Self.backlog)
        #expect(missing.isEmpty, "\(missing.count) transactions never reached the server, e.g. \(missing.prefix(3))")
        #expect(unknown.isEmpty, "the server holds \(unknown.count) transactions the ledger never queued, e.g. \(unknown.prefix(3))")
        #expect(wrongSeq.isEmpty, "\(wrongSeq.count) transactions arrived under another seq, e.g. \(wrongSeq.prefix(3))")
        #expect(held.duplicates == 0, "no transaction was sent twice")
        #expect(held.uploads == Self.backlog / Self.batchSize, "one request per batch")
        #expect(try await daemon.stop() == 0)
    }
}
}
