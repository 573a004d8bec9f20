import Foundation
import GRDB
import Testing
@testable import Loyalty

/// Migration "v4 coupons" rebuilds the transaction table: a ledger written before it keeps every row,
/// hash and id, verifies clean, and carries on.
@Suite struct CouponMigrationTests {
    @Test func aV3LedgerKeepsItsTransactionsAndVerifiesClean() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.sqlite").path

        // A ledger as v3 left it: two accruals and a cancellation, written with v3's columns.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v3 managers")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO member (phone, points, stamps, created_at) VALUES ('01012345678', 100, 1, 1000)")
            var previous = HashChain.genesis
            let rows: [(TransactionType, Int64, Int64, Int64, Int64?)] = [
                (.accrual, 10_000, 100, 1, nil), (.accrual, 5_000, 50, 1, nil), (.cancellation, 5_000, -50, -1, 2),
            ]
            for (index, row) in rows.enumerated() {
                let id = Int64(index + 1)
                let fields = HashChain.Fields(id: id, type: row.0, memberID: 1, payment: row.1, points: row.2, stamps: row.3,
                                              occurredAtMilliseconds: 1_000 + id, cancels: row.4, actor: "pos", reason: nil)
                let hash = HashChain.hash(fields, previous: previous)
                try db.execute(sql: """
                    INSERT INTO ledger_transaction (id, type, member_id, payment, points, stamps, occurred_at, cancels_id, actor, prev_hash, hash)
                    VALUES (?, ?, 1, ?, ?, ?, ?, ?, 'pos', ?, ?)
                    """, arguments: [id, row.0.rawValue, row.1, row.2, row.3, 1_000 + id, row.4, previous, hash])
                try db.execute(sql: "INSERT INTO outbox (id, transaction_id, created_at) VALUES (?, ?, 0)", arguments: [UUID().uuidString.lowercased(), id])
                previous = hash
            }
            try db.execute(sql: "INSERT INTO lot (member_id, transaction_id, kind, amount, remaining) VALUES (1, 1, 'points', 100, 100), (1, 1, 'stamps', 1, 1), (1, 2, 'points', 50, 0), (1, 2, 'stamps', 1, 0)")
            try db.execute(sql: "INSERT INTO lot_take (transaction_id, lot_id, amount) VALUES (3, 3, 50), (3, 4, 1)")
        }
        try queue.close()

        var policy = StorePolicy()
        policy.stampCardSize = 2
        let told = Told()
        let database = try LedgerDatabase(path: path) { pending in told.pending = pending }
        #expect(told.pending == ["v4 coupons", "v5 member otp", "v6 otp secret feed", "v7 outbox upload json", "v8 marketing images"], "a service is told before a migration rewrites the ledger")
        let ledger = try Ledger(database: database, policy: policy, timeZone: LedgerFixture.seoul, clock: ManualClock(LedgerFixture.start))
        let before = try await ledger.verify()
        #expect(before.isClean, "\(before.issues)")
        #expect(before.transactionsChecked == 3)
        #expect(try await ledger.transaction(3)?.cancels == 2)
        #expect(try await ledger.transaction(2)?.cancelledBy == 3)

        let member = MemberKey.phone(try PhoneNumber(parsing: "010-1234-5678"))
        let next = try await ledger.accrue(Accrual(member: member, payment: 1_000), key: try IdempotencyKey("after-v4"))
        #expect(next.transaction.id == 4)
        #expect(next.coupons.count == 1, "the second stamp fills a card of 2")
        #expect(try await ledger.verify().isClean)
        let types = try await ledger.database.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM transaction_type ORDER BY name") }
        #expect(Set(types) == Set(TransactionType.allCases.map(\.rawValue)), "the table lists exactly the types the code knows")

        let reopened = Told()
        _ = try LedgerDatabase(path: path) { pending in reopened.pending = pending }
        #expect(reopened.pending == nil, "an up-to-date ledger has nothing to migrate")
        let fresh = Told()
        _ = try LedgerDatabase(path: directory.appendingPathComponent("new.sqlite").path) { pending in fresh.pending = pending }
        #expect(fresh.pending == nil, "a new ledger is created, not upgraded")
    }

    private final class Told: @unchecked Sendable {
        var pending: [String]?
    }
}
