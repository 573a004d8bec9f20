import Foundation
import GRDB

/// Coupon rows inside the caller's SQLite transaction: issuing, finding, and following their state.
enum CouponStore {
    /// What a new coupon promises.
    struct Draft {
        var memberID: Int64
        var kind: CouponKind
        var value: Won
        var description: String
        var expiresAt: Date?
    }

    /// Issues a coupon with a new code, together with its `coupon_issue` transaction (which takes `stamps`
    /// from the member's balance through the caller).
    static func issue(_ db: Database, _ draft: Draft, stamps: Stamps, actor: String, reason: String,
                      at now: Date) throws -> (coupon: Coupon, transaction: LedgerTransaction) {
        var code = CouponCode.random()
        while try Bool.fetchOne(try db.prepared("SELECT 1 FROM coupon WHERE code = ?"), arguments: [code.rawValue]) == true {
            code = CouponCode.random()
        }
        let issuedAt = now.ledgerMilliseconds
        try db.run("""
            INSERT INTO coupon (code, member_id, kind, value, description, issued_at, expires_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'issued')
            """, [code.rawValue, draft.memberID, draft.kind.rawValue, draft.value, draft.description, issuedAt,
                  draft.expiresAt?.ledgerMilliseconds])
        var coupon = Coupon(
            id: db.lastInsertedRowID, code: code, memberID: draft.memberID, kind: draft.kind, value: draft.value,
            description: draft.description, issuedAt: Date(ledgerMilliseconds: issuedAt),
            expiresAt: draft.expiresAt.map { Date(ledgerMilliseconds: $0.ledgerMilliseconds) }, state: .issued, issuedBy: 0)
        let transaction = try TransactionLog.append(
            db, .init(type: .couponIssue, memberID: draft.memberID, stamps: -stamps, occurredAt: now, actor: actor,
                      reason: reason, coupon: coupon))
        coupon.issuedBy = transaction.id
        return (coupon, transaction)
    }

    static func find(_ db: Database, code: CouponCode) throws -> Coupon? {
        try Coupon.fetchOne(try db.prepared(Coupon.selection + " WHERE c.code = ?"), arguments: [code.rawValue])
    }

    static func require(_ db: Database, id: Int64) throws -> Coupon {
        guard let coupon = try Coupon.fetchOne(try db.prepared(Coupon.selection + " WHERE c.id = ?"), arguments: [id]) else {
            throw LedgerError(.storage, "coupon \(id) is missing; run verify")
        }
        return coupon
    }

    /// The coupons with these ids, in the order given.
    static func coupons(_ db: Database, ids: [Int64]) throws -> [Coupon] {
        try ids.map { try require(db, id: $0) }
    }

    /// Moves a coupon to `state`; `redemption` is the transaction that holds it while it is redeemed.
    static func set(_ db: Database, _ couponID: Int64, to state: CouponState, redemption: Int64? = nil) throws {
        try db.run("UPDATE coupon SET state = ?, redemption_id = ? WHERE id = ?", [state.rawValue, redemption, couponID])
    }

    /// The member's issued coupons whose expiry has come.
    static func due(_ db: Database, memberID: Int64, at now: Date) throws -> [Coupon] {
        try Coupon.fetchAll(
            try db.prepared(Coupon.selection + """
                 WHERE c.member_id = ? AND c.state = 'issued' AND c.expires_at IS NOT NULL AND c.expires_at <= ?
                ORDER BY c.id
                """),
            arguments: [memberID, now.ledgerMilliseconds])
    }

    static func membersWithDueCoupons(_ db: Database, at now: Date, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(try db.prepared("""
                SELECT DISTINCT member_id FROM coupon
                WHERE state = 'issued' AND expires_at IS NOT NULL AND expires_at <= ?
                LIMIT ?
                """),
            arguments: [now.ledgerMilliseconds, limit])
    }
}
