import Foundation
import GRDB

extension Ledger {
    /// Reverses an accrual, a use or a conversion, exactly once.
    ///
    /// Cancelling a use gives back the exact lots it took, with their original expiry. Cancelling a grant
    /// takes back what is left of its lots; if a use still holds any of them, it is refused and names that use.
    /// `audit` records who approved it in the audit log, in the same commit.
    public func cancel(_ cancellation: Cancellation, key: IdempotencyKey, audit: AuditNote? = nil) async throws -> OperationResult {
        let reason = try checkText(cancellation.reason, "the reason")
        let actor = try checkText(cancellation.actor, "the manager", maxLength: 100)
        let targetID = cancellation.transactionID
        let request = ["cancellation", String(targetID), reason, actor]
        return try await performOnce(key: key, request: request, audit: audit) { db, now in
            let target = try Self.cancellable(db, targetID)
            let member = try MemberStore.require(db, .id(target.memberID))
            let draft: TransactionLog.Draft
            let lots: [LotStore.Lot]
            if target.type.isUse {
                lots = []
                draft = .init(type: .cancellation, memberID: member.id, payment: target.payment, points: -target.points,
                              stamps: -target.stamps, occurredAt: now, cancels: target.id, actor: actor, reason: reason)
            } else {
                lots = try LotStore.lots(db, grantedBy: target.id)
                if let use = try LotStore.liveUse(takingFrom: lots, db) {
                    throw LedgerError(
                        .pointsAlreadySpent,
                        "transaction \(target.id) granted points or stamps that use \(use) has spent; cancel transaction \(use) first",
                        transactionID: use)
                }
                let points = lots.filter { $0.kind == .points }.reduce(0) { $0 + $1.remaining }
                let stamps = lots.filter { $0.kind == .stamps }.reduce(0) { $0 + $1.remaining }
                draft = .init(type: .cancellation, memberID: member.id, payment: target.payment, points: -points,
                              stamps: -stamps, occurredAt: now, cancels: target.id, actor: actor, reason: reason)
            }
            let transaction = try TransactionLog.append(db, draft)
            if target.type.isUse {
                try LotStore.restore(db, takenBy: target.id)
            } else {
                for lot in lots where lot.remaining > 0 {
                    try LotStore.record(db, take: lot.remaining, from: lot.id, by: transaction.id)
                }
            }
            var after = try MemberStore.apply(db, points: draft.points, stamps: draft.stamps, to: member)
            // Lots given back may be past their expiry already: expire them now, after the cancellation.
            after = try self.expireDue(db, member: after, at: now)
            return OperationResult(transaction: transaction, member: after)
        }
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
        case .accrual, .pointUse, .stampUse, .conversion:
            break
        }
        if let cancelledBy = target.cancelledBy {
            throw LedgerError(.alreadyCancelled, "transaction \(id) was already cancelled by transaction \(cancelledBy)", transactionID: cancelledBy)
        }
        return target
    }
}
