import Foundation

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
            let current = try self.expireDue(db, member: found, at: now)
            let transaction = try TransactionLog.append(
                db,
                .init(type: .conversion, memberID: current.id, points: conversion.points, stamps: conversion.stamps,
                      occurredAt: now, actor: actor, reason: reason))
            try LotStore.grant(db, kind: .points, amount: conversion.points, memberID: current.id,
                               transactionID: transaction.id, expiresAt: self.pointExpiry(from: now))
            try LotStore.grant(db, kind: .stamps, amount: conversion.stamps, memberID: current.id,
                               transactionID: transaction.id, expiresAt: nil)
            let granted = try MemberStore.apply(db, points: conversion.points, stamps: conversion.stamps, to: current)
            let (after, coupons) = try StampCard.fill(db, member: granted, policy: self.policy, at: now)
            return OperationResult(transaction: transaction, member: after, enrolled: enrolled, coupons: coupons)
        }
    }
}
