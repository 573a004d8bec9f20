import Foundation
import GRDB

extension Ledger {
    /// Reverses an accrual, a use, a conversion, a voucher or a coupon's redemption, exactly once.
    ///
    /// Cancelling a use gives back the exact lots it took, with their original expiry. Cancelling a grant
    /// takes back what is left of its lots; if a use still holds any of them, it is refused and names that use.
    /// If its stamps went into stamp-card coupons, those coupons are voided first (their stamps given back),
    /// unless one was redeemed: then it is refused and names the redemption to cancel first.
    /// `audit` records who approved it in the audit log, in the same commit.
    public func cancel(_ cancellation: Cancellation, key: IdempotencyKey, audit: AuditNote? = nil) async throws -> OperationResult {
        try await cancel(cancellation, key: key, audit: audit, only: nil)
    }

    /// Cancels a coupon's redemption, once: the coupon is issued again (and expires at once if its expiry
    /// has passed meanwhile). Refuses a transaction that is not a coupon redemption.
    public func cancelRedemption(_ cancellation: Cancellation, key: IdempotencyKey, audit: AuditNote? = nil) async throws -> OperationResult {
        try await cancel(cancellation, key: key, audit: audit, only: .couponRedemption)
    }

    private func cancel(_ cancellation: Cancellation, key: IdempotencyKey, audit: AuditNote?,
                        only: TransactionType?) async throws -> OperationResult {
        let reason = try checkText(cancellation.reason, "the reason")
        let actor = try checkText(cancellation.actor, "the manager", maxLength: 100)
        let targetID = cancellation.transactionID
        let request = ["cancellation", String(targetID), reason, actor]
        return try await performOnce(key: key, request: request, audit: audit) { db, now in
            let target = try Self.cancellable(db, targetID)
            if let only, target.type != only {
                throw LedgerError(.notCancellable, "transaction \(targetID) is a \(target.type.rawValue), not a coupon redemption; pick the redemption from the coupon or the history")
            }
            var voiding = CouponVoiding(actor: actor, reason: reason, at: now)
            var member = try MemberStore.require(db, .id(target.memberID))
            let transaction: LedgerTransaction
            switch target.type {
            case .pointUse, .stampUse:
                transaction = try TransactionLog.append(db, .init(
                    type: .cancellation, memberID: member.id, payment: target.payment, points: -target.points,
                    stamps: -target.stamps, occurredAt: now, cancels: target.id, actor: actor, reason: reason))
                try LotStore.restore(db, takenBy: target.id)
                member = try MemberStore.apply(db, points: transaction.points, stamps: transaction.stamps, to: member)
            case .accrual, .conversion:
                (transaction, member) = try Self.cancelGrant(target, member: member, voiding: &voiding, db)
            case .couponIssue:
                (transaction, member) = try voiding.withdrawVoucher(issuedBy: target, member: member, db)
            case .couponRedemption:
                (transaction, member) = try voiding.giveBack(redeemedBy: target, member: member, db)
            case .cancellation, .expiry, .couponExpiry:
                throw LedgerError(.notCancellable, "transaction \(targetID) cannot be cancelled")
            }
            var coupons = voiding.couponIDs
            if voiding.stampsGivenBack || transaction.stamps > 0 {
                let (filled, issued) = try StampCard.fill(db, member: member, policy: self.policy, at: now)
                member = filled
                coupons += issued.map(\.id)
            }
            // Lots or coupons given back may be past their expiry already: expire them now, after the cancellation.
            member = try self.expireDue(db, member: member, at: now)
            return OperationResult(transaction: transaction, member: member, coupons: try CouponStore.coupons(db, ids: coupons))
        }
    }

    /// Takes back what is left of a grant's lots, after voiding the stamp-card coupons its stamps went into.
    private static func cancelGrant(_ target: LedgerTransaction, member: Member, voiding: inout CouponVoiding,
                                    _ db: Database) throws -> (LedgerTransaction, Member) {
        var lots = try LotStore.lots(db, grantedBy: target.id)
        if let use = try LotStore.liveUse(takingFrom: lots, db) {
            throw LedgerError(
                .pointsAlreadySpent,
                "transaction \(target.id) granted points or stamps that use \(use) has spent; cancel transaction \(use) first",
                transactionID: use)
        }
        var member = member
        let issues = try CouponVoiding.cardIssues(takingFrom: lots, db)
        if !issues.isEmpty {
            member = try voiding.voidCards(issues, grant: target, member: member, db)
            lots = try LotStore.lots(db, grantedBy: target.id)
        }
        let points = lots.filter { $0.kind == .points }.reduce(0) { $0 + $1.remaining }
        let stamps = lots.filter { $0.kind == .stamps }.reduce(0) { $0 + $1.remaining }
        let transaction = try TransactionLog.append(db, .init(
            type: .cancellation, memberID: member.id, payment: target.payment, points: -points, stamps: -stamps,
            occurredAt: voiding.now, cancels: target.id, actor: voiding.actor, reason: voiding.reason))
        for lot in lots where lot.remaining > 0 {
            try LotStore.record(db, take: lot.remaining, from: lot.id, by: transaction.id)
        }
        return (transaction, try MemberStore.apply(db, points: -points, stamps: -stamps, to: member))
    }

    private static func cancellable(_ db: Database, _ id: Int64) throws -> LedgerTransaction {
        guard let target = try LedgerTransaction.fetch(db, id: id) else {
            throw LedgerError(.transactionNotFound, "there is no transaction \(id); pick one from the history")
        }
        switch target.type {
        case .cancellation:
            throw LedgerError(.notCancellable, "transaction \(id) is itself a cancellation and cannot be cancelled; make a new accrual or conversion instead")
        case .expiry:
            throw LedgerError(.notCancellable, "transaction \(id) is an expiry and cannot be cancelled; a manager can grant the points again by conversion")
        case .couponExpiry:
            throw LedgerError(.notCancellable, "transaction \(id) is a coupon's expiry and cannot be cancelled; a manager can issue a voucher instead")
        case .accrual, .pointUse, .stampUse, .conversion, .couponIssue, .couponRedemption:
            break
        }
        if let cancelledBy = target.cancelledBy {
            throw LedgerError(.alreadyCancelled, "transaction \(id) was already cancelled by transaction \(cancelledBy)", transactionID: cancelledBy)
        }
        return target
    }
}
