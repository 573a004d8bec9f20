import Foundation
import GRDB

/// One thing `verify()` found wrong.
public struct VerificationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A row's hash does not match its fields: the row was edited.
        case hashMismatch = "hash_mismatch"
        /// A row's previous hash is not the hash of the row before it: rows were inserted or deleted.
        case brokenLink = "broken_link"
        /// A member's stored balance differs from the replay of their transactions.
        case balanceMismatch = "balance_mismatch"
        /// A member's stored balance differs from the sum of their live lots.
        case lotMismatch = "lot_mismatch"
        /// A lot's remaining amount differs from its grant less what live takers took.
        case lotAccounting = "lot_accounting"
        /// A transaction has no outbox row.
        case missingOutbox = "missing_outbox"
        /// A coupon's stored state, holder or member differs from the replay of its transactions.
        case couponState = "coupon_state"
    }

    public var kind: Kind
    public var transactionID: Int64?
    public var memberID: Int64?
    public var detail: String

    public var description: String { "\(kind.rawValue): \(detail)" }
}

public struct VerificationReport: Sendable, Hashable, Codable {
    public var transactionsChecked: Int = 0
    public var membersChecked: Int = 0
    public var issues: [VerificationIssue] = []
    public var isClean: Bool { issues.isEmpty }
}

extension Ledger {
    /// Recomputes the hash chain, every balance and lot, and every coupon's state, and reports each mismatch.
    /// Reads a consistent snapshot.
    public func verify() async throws -> VerificationReport {
        try await storageErrors {
            try await database.pool.read { db in
                var report = VerificationReport()
                try Self.verifyChain(db, into: &report)
                try Self.verifyBalances(db, into: &report)
                try Self.verifyLots(db, into: &report)
                try CouponVerification.verify(db, into: &report)
                return report
            }
        }
    }

    private static func verifyChain(_ db: Database, into report: inout VerificationReport) throws {
        var previous = HashChain.genesis
        let rows = try Row.fetchCursor(try db.prepared("""
                SELECT t.id, t.type, t.member_id, t.payment, t.points, t.stamps, t.occurred_at, t.cancels_id, t.actor,
                    t.reason, t.prev_hash, t.hash, t.coupon_id, cp.id AS coupon, cp.code, cp.kind, cp.value, cp.description,
                    cp.expires_at
                FROM ledger_transaction t LEFT JOIN coupon cp ON cp.id = t.coupon_id
                ORDER BY t.id
                """))
        while let row = try rows.next() {
            report.transactionsChecked += 1
            let id: Int64 = row["id"]
            let stored: String = row["hash"]
            let storedPrevious: String = row["prev_hash"]
            if storedPrevious != previous {
                report.issues.append(.init(kind: .brokenLink, transactionID: id, memberID: nil,
                                           detail: "transaction \(id) does not follow the one before it"))
            }
            let typeName: String = row["type"]
            let fields = HashChain.Fields(
                id: id, type: TransactionType(rawValue: typeName) ?? .accrual, memberID: row["member_id"],
                payment: row["payment"], points: row["points"], stamps: row["stamps"],
                occurredAtMilliseconds: row["occurred_at"], cancels: row["cancels_id"], actor: row["actor"],
                reason: row["reason"], coupon: Self.couponTerms(row))
            if TransactionType(rawValue: typeName) == nil || HashChain.hash(fields, previous: storedPrevious) != stored {
                report.issues.append(.init(kind: .hashMismatch, transactionID: id, memberID: nil,
                                           detail: "transaction \(id) was changed after it was written"))
            }
            previous = stored
        }
        let orphans = try Int64.fetchAll(try db.prepared("SELECT id FROM ledger_transaction WHERE id NOT IN (SELECT transaction_id FROM outbox)"))
        for id in orphans {
            report.issues.append(.init(kind: .missingOutbox, transactionID: id, memberID: nil,
                                       detail: "transaction \(id) is not queued for upload"))
        }
    }

    /// The terms of the coupon a row names, as the hash covers them; nil for a row about no coupon. A row
    /// naming a missing coupon gets terms that cannot match, so its hash is reported.
    private static func couponTerms(_ row: Row) -> CouponTerms? {
        guard let couponID: Int64 = row["coupon_id"] else { return nil }
        guard let found: Int64 = row["coupon"] else {
            return CouponTerms(id: couponID, code: "missing", kind: "", value: -1, description: "", expiresAtMilliseconds: nil)
        }
        return CouponTerms(id: found, code: row["code"], kind: row["kind"], value: row["value"], description: row["description"],
                           expiresAtMilliseconds: row["expires_at"])
    }

    private static func verifyBalances(_ db: Database, into report: inout VerificationReport) throws {
        let rows = try Row.fetchCursor(try db.prepared("""
                SELECT m.id, m.points, m.stamps,
                    COALESCE((SELECT SUM(points) FROM ledger_transaction WHERE member_id = m.id), 0) AS replay_points,
                    COALESCE((SELECT SUM(stamps) FROM ledger_transaction WHERE member_id = m.id), 0) AS replay_stamps,
                    COALESCE((SELECT SUM(remaining) FROM lot WHERE member_id = m.id AND kind = 'points'), 0) AS lot_points,
                    COALESCE((SELECT SUM(remaining) FROM lot WHERE member_id = m.id AND kind = 'stamps'), 0) AS lot_stamps
                FROM member m ORDER BY m.id
                """))
        while let row = try rows.next() {
            report.membersChecked += 1
            let id: Int64 = row["id"]
            let points: Int64 = row["points"], stamps: Int64 = row["stamps"]
            let replayPoints: Int64 = row["replay_points"], replayStamps: Int64 = row["replay_stamps"]
            let lotPoints: Int64 = row["lot_points"], lotStamps: Int64 = row["lot_stamps"]
            if points != replayPoints || stamps != replayStamps {
                report.issues.append(.init(
                    kind: .balanceMismatch, transactionID: nil, memberID: id,
                    detail: "member #\(id) holds \(points) points and \(stamps) stamps; their transactions add up to \(replayPoints) and \(replayStamps)"))
            }
            if points != lotPoints || stamps != lotStamps {
                report.issues.append(.init(
                    kind: .lotMismatch, transactionID: nil, memberID: id,
                    detail: "member #\(id) holds \(points) points and \(stamps) stamps; their live lots hold \(lotPoints) and \(lotStamps)"))
            }
        }
    }

    private static func verifyLots(_ db: Database, into report: inout VerificationReport) throws {
        let rows = try Row.fetchCursor(try db.prepared("""
                SELECT l.id, l.member_id, l.amount, l.remaining,
                    COALESCE((SELECT SUM(k.amount) FROM lot_take k JOIN ledger_transaction t ON t.id = k.transaction_id
                              WHERE k.lot_id = l.id
                                AND NOT EXISTS (SELECT 1 FROM ledger_transaction c WHERE c.cancels_id = t.id)), 0) AS taken
                FROM lot l
                """))
        while let row = try rows.next() {
            let amount: Int64 = row["amount"], remaining: Int64 = row["remaining"], taken: Int64 = row["taken"]
            if remaining != amount - taken {
                let id: Int64 = row["id"]
                report.issues.append(.init(
                    kind: .lotAccounting, transactionID: nil, memberID: row["member_id"],
                    detail: "lot \(id) granted \(amount) and live takers took \(taken), but \(remaining) remain"))
            }
        }
    }
}
