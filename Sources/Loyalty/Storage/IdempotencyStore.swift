import Crypto
import Foundation
import GRDB

/// Remembers each idempotency key with a fingerprint of its request and what it answered.
enum IdempotencyStore {
    static func fingerprint(_ parts: [String]) -> Data {
        let canonical = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return Data(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// The earlier answer for `key` if the same request was performed before; a conflict if it differed.
    ///
    /// The answer is rebuilt from the stored transaction and the balance it left, so it is the original
    /// result (with, if it has since been cancelled, the cancellation that reversed it); its coupons are
    /// shown as they stand now.
    static func replay(_ db: Database, key: IdempotencyKey, fingerprint: Data) throws -> OperationResult? {
        guard
            let row = try Row.fetchOne(
                try db.prepared("""
                    SELECT fingerprint, transaction_id, member_points, member_stamps, enrolled, coupon_ids
                    FROM idempotency_key WHERE key = ?
                    """),
                arguments: [key.rawValue])
        else { return nil }
        guard row[0] as Data == fingerprint else {
            throw LedgerError(
                .idempotencyConflict,
                "idempotency key '\(key)' was already used for a different request; use a new key for a new request")
        }
        guard let transaction = try LedgerTransaction.fetch(db, id: row[1]) else {
            throw LedgerError(.storage, "idempotency key '\(key)' points at a missing transaction; run verify")
        }
        var member = try MemberStore.require(db, .id(transaction.memberID))
        member.points = row[2]
        member.stamps = row[3]
        let couponIDs = (row[5] as String?)?.split(separator: ",").compactMap { Int64($0) } ?? []
        return OperationResult(transaction: transaction, member: member, replayed: true, enrolled: row[4],
                               coupons: try CouponStore.coupons(db, ids: couponIDs))
    }

    static func save(_ db: Database, key: IdempotencyKey, fingerprint: Data, result: OperationResult, at now: Date) throws {
        try db.run(
            """
            INSERT INTO idempotency_key
                (key, fingerprint, transaction_id, member_points, member_stamps, enrolled, created_at, coupon_ids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [key.rawValue, fingerprint, result.transaction.id, result.member.points, result.member.stamps, result.enrolled,
             now.ledgerMilliseconds, result.coupons.isEmpty ? nil : result.coupons.map { String($0.id) }.joined(separator: ",")])
    }
}
