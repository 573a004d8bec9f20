import Foundation
import GRDB

extension Ledger {
    /// Earns points (by the accrual rate) and stamps for a purchase; enrolls an unknown phone or card.
    /// A stamp card it fills becomes a coupon in the same commit (`OperationResult.coupons`).
    public func accrue(_ accrual: Accrual, key: IdempotencyKey) async throws -> OperationResult {
        let member = try checked(accrual.member)
        try policy.checkPayment(accrual.payment)
        _ = try policy.points(forPayment: accrual.payment)
        let actor = try accrual.actor.map { text throws(LedgerError) in try checkText(text, "the actor", maxLength: 100) }
        let request = ["accrual", member.fingerprint, String(accrual.payment), actor ?? ""]
        return try await performOnce(key: key, request: request) { db, now in
            let (found, enrolled) = try MemberStore.findOrEnroll(db, member, at: now)
            var result = try self.commitAccrual(db, member: found, payment: accrual.payment, actor: actor, reason: nil, at: now)
            result.enrolled = enrolled
            return result
        }
    }

    /// Commits an accrual for `found` inside the caller's SQLite transaction, filling stamp cards into coupons;
    /// the payment was checked.
    func commitAccrual(_ db: Database, member found: Member, payment: Won, actor: String?, reason: String?, at now: Date) throws -> OperationResult {
        let points = try policy.points(forPayment: payment)
        let stamps = policy.stamps(forPayment: payment)
        let current = try expireDue(db, member: found, at: now)
        let transaction = try TransactionLog.append(
            db,
            .init(type: .accrual, memberID: current.id, payment: payment, points: points, stamps: stamps,
                  occurredAt: now, actor: actor, reason: reason))
        try LotStore.grant(db, kind: .points, amount: points, memberID: current.id, transactionID: transaction.id,
                           expiresAt: pointExpiry(from: now))
        try LotStore.grant(db, kind: .stamps, amount: stamps, memberID: current.id, transactionID: transaction.id,
                           expiresAt: nil)
        let granted = try MemberStore.apply(db, points: points, stamps: stamps, to: current)
        let (after, coupons) = try StampCard.fill(db, member: granted, policy: policy, at: now)
        return OperationResult(transaction: transaction, member: after, coupons: coupons)
    }
}
