import Foundation
import GRDB

extension Ledger {
    /// A manager's grant of points or stamps regardless of any purchase. Enrolls an unknown phone or card.
    /// A stamp card it fills becomes a coupon in the same commit.
    /// `audit` records who approved it in the audit log, in the same commit.
    public func convert(_ conversion: Conversion, key: IdempotencyKey, audit: AuditNote? = nil) async throws -> OperationResult {
        let member = try checked(conversion.member)
        let maxPoints = policy.maxPayment
        guard conversion.points >= 0, conversion.stamps >= 0, (conversion.points > 0 || conversion.stamps > 0) else {
            throw LedgerError(.invalidAmount, "a conversion grants a positive number of points or stamps (or both); nothing to grant")
        }
        guard conversion.points <= maxPoints else {
            throw LedgerError(.amountTooLarge, "a conversion grants at most \(maxPoints) points at once, not \(conversion.points)")
        }
        guard conversion.stamps <= Self.maxStampsAtOnce else {
            throw LedgerError(.amountTooLarge, "a conversion grants at most \(Self.maxStampsAtOnce) stamps at once, not \(conversion.stamps)")
        }
        let reason = try checkText(conversion.reason, "the reason")
        let actor = try checkText(conversion.actor, "the manager", maxLength: 100)
        let request = ["conversion", member.fingerprint, String(conversion.points), String(conversion.stamps), reason, actor]
        return try await performOnce(key: key, request: request, audit: audit) { db, now in
            let (found, enrolled) = try MemberStore.findOrEnroll(db, member, at: now)
            var result = try self.commitConversion(
                db, member: found, points: conversion.points, stamps: conversion.stamps, actor: actor, reason: reason, at: now)
            result.enrolled = enrolled
            return result
        }
    }

    /// Commits a grant of points or stamps to `found` inside the caller's SQLite transaction, filling stamp cards
    /// into coupons; the amounts were checked.
    func commitConversion(_ db: Database, member found: Member, points: Points, stamps: Stamps, actor: String, reason: String,
                          at now: Date) throws -> OperationResult {
        let current = try expireDue(db, member: found, at: now)
        let transaction = try TransactionLog.append(
            db,
            .init(type: .conversion, memberID: current.id, points: points, stamps: stamps,
                  occurredAt: now, actor: actor, reason: reason))
        try LotStore.grant(db, kind: .points, amount: points, memberID: current.id,
                           transactionID: transaction.id, expiresAt: pointExpiry(from: now))
        try LotStore.grant(db, kind: .stamps, amount: stamps, memberID: current.id,
                           transactionID: transaction.id, expiresAt: nil)
        let granted = try MemberStore.apply(db, points: points, stamps: stamps, to: current)
        let (after, coupons) = try StampCard.fill(db, member: granted, policy: policy, at: now)
        return OperationResult(transaction: transaction, member: after, coupons: coupons)
    }
}
