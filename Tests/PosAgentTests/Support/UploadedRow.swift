import Foundation

/// One transaction as the shop's ledger queued it or as the central server stored it: its sync id, its
/// place in the shop's chain and its hash (which covers what it says), and its payment.
struct UploadedRow: Hashable, Sendable, CustomStringConvertible {
    var id: String
    var seq: Int64
    var hash: String
    var payment: Int64

    var description: String { "\(id) at seq \(seq)" }

    init(id: String, seq: Int64, hash: String, payment: Int64) {
        self.id = id.lowercased()
        self.seq = seq
        self.hash = hash
        self.payment = payment
    }

    init(fields: [String]) throws {
        guard fields.count == 4, let seq = Int64(fields[1]), let payment = Int64(fields[3]) else {
            throw DaemonHarnessError(description: "not a row of id|seq|hash|payment: \(fields)")
        }
        self.init(id: fields[0], seq: seq, hash: fields[2], payment: payment)
    }

    /// Everything that keeps `stored` from being exactly `queued`, once each: what never arrived, what the
    /// shop never queued, what arrived changed (another seq, hash or payment), and what is there twice.
    static func differences(queued: [UploadedRow], stored: [UploadedRow]) -> [String] {
        let byID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let queuedIDs = Set(queued.map(\.id))
        var problems: [String] = []
        let missing = queued.filter { byID[$0.id] == nil }
        let changed = queued.filter { row in byID[row.id].map { $0 != row } ?? false }
        let unknown = stored.filter { !queuedIDs.contains($0.id) }
        if !missing.isEmpty { problems.append("\(missing.count) never stored, e.g. \(missing.prefix(3))") }
        if !changed.isEmpty { problems.append("\(changed.count) stored otherwise than queued, e.g. \(changed.prefix(3))") }
        if !unknown.isEmpty { problems.append("\(unknown.count) stored that the shop never queued, e.g. \(unknown.prefix(3))") }
        if byID.count != stored.count { problems.append("\(stored.count - byID.count) stored more than once") }
        if Set(queued.map(\.seq)).count != queued.count { problems.append("the ledger queued a seq twice") }
        return problems
    }
}

extension RealCentral {
    /// What the server stored for `store`, read back from PostgreSQL.
    func stored(store: String) async throws -> [UploadedRow] {
        try await cluster.psql(database, "SELECT id::text, seq, hash, payment FROM store_transaction WHERE store_id = '\(store)' ORDER BY seq")
            .map(UploadedRow.init(fields:))
    }

    /// How many rows of every store are in `table` (`store_transaction`, `store_rejection`).
    func count(_ table: String, store: String? = nil) async throws -> Int {
        let filter = store.map { " WHERE store_id = '\($0)'" } ?? ""
        return Int(try await cluster.psql(database, "SELECT count(*) FROM \(table)\(filter)").first?.first ?? "") ?? -1
    }
}

extension DaemonHarness {
    /// Every transaction the ledger's outbox ever queued (sent or not), read from the SQLite file beside
    /// the running daemon (WAL lets a reader in), and how many of them are acknowledged, waiting, dead.
    struct Outbox: Sendable {
        var rows: [UploadedRow]
        var acknowledged: Int
        var waiting: Int
        var dead: Int
    }

    func outbox() async throws -> Outbox {
        let sqlite = URL(fileURLWithPath: "/usr/bin/sqlite3")
        let query = """
            SELECT o.id, o.seq, t.hash, t.payment, o.sent_at IS NOT NULL, o.dead_at IS NOT NULL
            FROM outbox o JOIN ledger_transaction t ON t.id = o.transaction_id ORDER BY o.seq
            """
        let result = try await PosAgentProcess.run(["-readonly", "-separator", "|", database, query], executable: sqlite)
        guard result.status == 0 else { throw DaemonHarnessError(description: "sqlite3 failed on the ledger: \(result.stderr)") }
        var outbox = Outbox(rows: [], acknowledged: 0, waiting: 0, dead: 0)
        for line in result.stdout.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6 else { throw DaemonHarnessError(description: "an outbox row sqlite3 printed oddly: \(line)") }
            outbox.rows.append(try UploadedRow(fields: Array(fields.prefix(4))))
            if fields[4] == "1" { outbox.acknowledged += 1 } else if fields[5] == "1" { outbox.dead += 1 } else { outbox.waiting += 1 }
        }
        return outbox
    }
}
