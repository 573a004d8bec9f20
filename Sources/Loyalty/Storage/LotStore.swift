import Foundation
import GRDB

/// Lots are the grants a balance is made of: each has its own expiry; uses take from the soonest-expiring.
enum LotStore {
    enum Kind: String {
        case points
        case stamps
    }

    static func grant(
        _ db: Database, kind: Kind, amount: Int64, memberID: Int64, transactionID: Int64, expiresAt: Date?
    ) throws {
        guard amount > 0 else { return }
        try db.run("""
                INSERT INTO lot (member_id, transaction_id, kind, amount, remaining, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [memberID, transactionID, kind.rawValue, amount, amount, expiresAt?.ledgerMilliseconds])
    }

    /// Takes `amount` from the member's live lots, soonest expiry first (never-expiring last, then oldest).
    static func take(_ db: Database, kind: Kind, amount: Int64, memberID: Int64, transactionID: Int64) throws {
        var left = amount
        let lots = try Row.fetchCursor(try db.prepared("""
                SELECT id, remaining FROM lot
                WHERE member_id = ? AND kind = ? AND remaining > 0
                ORDER BY expires_at IS NULL, expires_at, id
                """),
            arguments: [memberID, kind.rawValue])
        var takes: [(lot: Int64, amount: Int64)] = []
        while left > 0, let lot = try lots.next() {
            let taken = min(left, lot["remaining"] as Int64)
            takes.append((lot["id"], taken))
            left -= taken
        }
        guard left == 0 else {
            throw LedgerError(.storage, "member #\(memberID)'s \(kind.rawValue) lots hold less than the balance says; run verify")
        }
        for take in takes {
            try record(db, take: take.amount, from: take.lot, by: transactionID)
        }
    }

    static func record(_ db: Database, take amount: Int64, from lotID: Int64, by transactionID: Int64) throws {
        try db.run("UPDATE lot SET remaining = remaining - ? WHERE id = ?", [amount, lotID])
        try db.run("INSERT INTO lot_take (transaction_id, lot_id, amount) VALUES (?, ?, ?)", [transactionID, lotID, amount])
    }

    /// Gives back to each lot exactly what a cancelled use took, so the lots keep their original expiry.
    static func restore(_ db: Database, takenBy transactionID: Int64) throws {
        try db.run("""
                UPDATE lot SET remaining = remaining + (
                    SELECT amount FROM lot_take WHERE lot_take.lot_id = lot.id AND lot_take.transaction_id = ?)
                WHERE id IN (SELECT lot_id FROM lot_take WHERE transaction_id = ?)
                """, [transactionID, transactionID])
    }

    struct Lot {
        var id: Int64
        var kind: Kind
        var amount: Int64
        var remaining: Int64
    }

    static func lots(_ db: Database, grantedBy transactionID: Int64) throws -> [Lot] {
        try Row.fetchAll(try db.prepared("SELECT id, kind, amount, remaining FROM lot WHERE transaction_id = ? ORDER BY id"),
            arguments: [transactionID]
        ).map { row in
            Lot(id: row["id"], kind: Kind(rawValue: row["kind"]) ?? .points, amount: row["amount"], remaining: row["remaining"])
        }
    }

    /// The first use, not itself cancelled, that took from any of `lots`: it must be cancelled before the grant.
    static func liveUse(takingFrom lots: [Lot], _ db: Database) throws -> Int64? {
        guard !lots.isEmpty else { return nil }
        let placeholders = lots.map { _ in "?" }.joined(separator: ",")
        return try Int64.fetchOne(try db.prepared("""
                SELECT t.id FROM lot_take k JOIN ledger_transaction t ON t.id = k.transaction_id
                WHERE k.lot_id IN (\(placeholders)) AND t.type IN ('point_use', 'stamp_use')
                  AND NOT EXISTS (SELECT 1 FROM ledger_transaction c WHERE c.cancels_id = t.id)
                ORDER BY t.id LIMIT 1
                """),
            arguments: StatementArguments(lots.map(\.id)))
    }

    struct DueLot {
        var id: Int64
        var kind: Kind
        var remaining: Int64
    }

    static func due(_ db: Database, memberID: Int64, at now: Date) throws -> [DueLot] {
        try Row.fetchAll(try db.prepared("""
                SELECT id, kind, remaining FROM lot
                WHERE member_id = ? AND remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?
                ORDER BY id
                """),
            arguments: [memberID, now.ledgerMilliseconds]
        ).map { row in DueLot(id: row["id"], kind: Kind(rawValue: row["kind"]) ?? .points, remaining: row["remaining"]) }
    }

    static func membersWithDueLots(_ db: Database, at now: Date, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(try db.prepared("""
                SELECT DISTINCT member_id FROM lot
                WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ?
                LIMIT ?
                """),
            arguments: [now.ledgerMilliseconds, limit])
    }
}
