import Foundation

extension Ledger {
    /// Earns points (by the accrual rate) and stamps for a purchase; enrolls an unknown phone or card.
    /// A stamp card it fills becomes a coupon in the same commit (`OperationResult.coupons`).
    public func accrue(_ accrual: Accrual, key: IdempotencyKey) async throws -> OperationResult {
        let member = try checked(accrual.member)
        try policy.checkPayment(accrual.payment)
        let points = try policy.points(forPayment: accrual.payment)
        let stamps = policy.stamps(forPayment: accrual.payment)
        let actor = try accrual.actor.map { text throws(LedgerError) in try checkText(text, "the actor", maxLength: 100) }
        let request = ["accrual", member.fingerprint, String(accrual.payment), actor ?? ""]
        return try await performOnce(key: key, request: request) { db, now in
            let (found, enrolled) = try MemberStore.findOrEnroll(db, member, at: now)
            let current = try self.expireDue(db, member: found, at: now)
            let transaction = try TransactionLog.append(
                db,
                .init(type: .accrual, memberID: current.id, payment: accrual.payment, points: points, stamps: stamps,
                      occurredAt: now, actor: actor))
            try LotStore.grant(db, kind: .points, amount: points, memberID: current.id, transactionID: transaction.id,
                               expiresAt: self.pointExpiry(from: now))
            try LotStore.grant(db, kind: .stamps, amount: stamps, memberID: current.id, transactionID: transaction.id,
                               expiresAt: nil)
            let granted = try MemberStore.apply(db, points: points, stamps: stamps, to: current)
            let (after, coupons) = try StampCard.fill(db, member: granted, policy: self.policy, at: now)
            return OperationResult(transaction: transaction, member: after, enrolled: enrolled, coupons: coupons)
        }
    }
}
