import Foundation
import GRDB

/// The coupon side of a cancellation, inside its SQLite transaction: voiding stamp-card coupons whose
/// stamps a cancelled grant gave, withdrawing a voucher, giving a redeemed coupon back. Each is a
/// `cancellation` transaction about the coupon; it remembers the coupons it touched for the result.
struct CouponVoiding {
    let actor: String
    let reason: String
    let now: Date
    private(set) var couponIDs: [Int64] = []
    /// Whether voided coupons gave stamps back to the balance (a full card then makes a coupon again).
    private(set) var stampsGivenBack = false

    init(actor: String, reason: String, at now: Date) {
        self.actor = actor
        self.reason = reason
        self.now = now
    }

    /// The coupon issues, not themselves cancelled, that took stamps from any of `lots`.
    static func cardIssues(takingFrom lots: [LotStore.Lot], _ db: Database) throws -> [LedgerTransaction] {
        let stampLots = lots.filter { $0.kind == .stamps }
        guard !stampLots.isEmpty else { return [] }
        let placeholders = stampLots.map { _ in "?" }.joined(separator: ",")
        let ids = try Int64.fetchAll(try db.prepared("""
                SELECT DISTINCT t.id FROM lot_take k JOIN ledger_transaction t ON t.id = k.transaction_id
                WHERE k.lot_id IN (\(placeholders)) AND t.type = 'coupon_issue'
                  AND NOT EXISTS (SELECT 1 FROM ledger_transaction c WHERE c.cancels_id = t.id)
                ORDER BY t.id
                """),
            arguments: StatementArguments(stampLots.map(\.id)))
        return try ids.map { id in
            guard let issue = try LedgerTransaction.fetch(db, id: id) else {
                throw LedgerError(.storage, "coupon issue \(id) is missing; run verify")
            }
            return issue
        }
    }

    /// Voids the stamp-card coupons `issues` made from a grant's stamps, giving their stamps back; refused
    /// as a whole if any was redeemed.
    mutating func voidCards(_ issues: [LedgerTransaction], grant: LedgerTransaction, member: Member,
                            _ db: Database) throws -> Member {
        let coupons = try issues.map { try Self.coupon(of: $0, db) }
        if let redeemed = coupons.first(where: { $0.state == .redeemed }) {
            throw LedgerError(
                .couponAlreadyRedeemed,
                "transaction \(grant.id)'s stamps filled coupon \(redeemed.code), which redemption \(redeemed.redeemedBy ?? 0) used; cancel that redemption first",
                transactionID: redeemed.redeemedBy)
        }
        var member = member
        for (issue, coupon) in zip(issues, coupons) {
            (_, member) = try void(coupon, issuedBy: issue, member: member, db)
        }
        return member
    }

    /// Withdraws a voucher that was not redeemed. Stamp-card coupons go with the grant that filled the card.
    mutating func withdrawVoucher(issuedBy issue: LedgerTransaction, member: Member,
                                  _ db: Database) throws -> (LedgerTransaction, Member) {
        let coupon = try Self.coupon(of: issue, db)
        guard coupon.kind == .voucher else {
            throw LedgerError(.notCancellable, "coupon \(coupon.code) came from a full stamp card; cancel the accrual or conversion whose stamps filled it instead")
        }
        if coupon.state == .redeemed {
            throw LedgerError(
                .couponAlreadyRedeemed,
                "voucher \(coupon.code) was redeemed by transaction \(coupon.redeemedBy ?? 0); cancel that redemption first",
                transactionID: coupon.redeemedBy)
        }
        return try void(coupon, issuedBy: issue, member: member, db)
    }

    /// Cancels a redemption: the coupon is issued again.
    mutating func giveBack(redeemedBy redemption: LedgerTransaction, member: Member,
                           _ db: Database) throws -> (LedgerTransaction, Member) {
        let coupon = try Self.coupon(of: redemption, db)
        guard coupon.state == .redeemed, coupon.redeemedBy == redemption.id else {
            throw LedgerError(.storage, "coupon \(coupon.code) is not held by redemption \(redemption.id); run verify")
        }
        let transaction = try TransactionLog.append(db, .init(
            type: .cancellation, memberID: member.id, occurredAt: now, cancels: redemption.id, actor: actor,
            reason: reason, coupon: coupon))
        try CouponStore.set(db, coupon.id, to: .issued)
        couponIDs.append(coupon.id)
        return (transaction, member)
    }

    private mutating func void(_ coupon: Coupon, issuedBy issue: LedgerTransaction, member: Member,
                               _ db: Database) throws -> (LedgerTransaction, Member) {
        let transaction = try TransactionLog.append(db, .init(
            type: .cancellation, memberID: member.id, stamps: -issue.stamps, occurredAt: now, cancels: issue.id,
            actor: actor, reason: reason, coupon: coupon))
        try LotStore.restore(db, takenBy: issue.id)
        try CouponStore.set(db, coupon.id, to: .void)
        couponIDs.append(coupon.id)
        if transaction.stamps > 0 { stampsGivenBack = true }
        return (transaction, try MemberStore.apply(db, points: 0, stamps: transaction.stamps, to: member))
    }

    private static func coupon(of transaction: LedgerTransaction, _ db: Database) throws -> Coupon {
        guard let code = transaction.coupon, let coupon = try CouponStore.find(db, code: code) else {
            throw LedgerError(.storage, "transaction \(transaction.id) names no coupon the ledger holds; run verify")
        }
        return coupon
    }
}
