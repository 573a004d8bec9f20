import Foundation
import GRDB

extension Ledger {
    /// Pays part of a purchase with points, after checking the minimum, the unit, the share and the balance.
    public func usePoints(_ use: PointUse, key: IdempotencyKey) async throws -> OperationResult {
        let member = try checked(use.member)
        // Everything that does not depend on the balance is refused before the database is touched.
        try policy.checkPointUse(points: use.points, payment: use.payment, balance: .max)
        let actor = try use.actor.map { text throws(LedgerError) in try checkText(text, "the actor", maxLength: 100) }
        let request = ["point_use", member.fingerprint, String(use.payment), String(use.points), actor ?? ""]
        return try await performOnce(key: key, request: request) { db, now in
            let current = try self.expireDue(db, member: try MemberStore.require(db, member), at: now)
            try self.policy.checkPointUse(points: use.points, payment: use.payment, balance: current.points)
            let transaction = try TransactionLog.append(
                db,
                .init(type: .pointUse, memberID: current.id, payment: use.payment, points: -use.points,
                      occurredAt: now, actor: actor))
            try LotStore.take(db, kind: .points, amount: use.points, memberID: current.id, transactionID: transaction.id)
            let after = try MemberStore.apply(db, points: -use.points, stamps: 0, to: current)
            return OperationResult(transaction: transaction, member: after)
        }
    }

    /// Spends stamps, oldest first.
    public func useStamps(_ use: StampUse, key: IdempotencyKey) async throws -> OperationResult {
        let member = try checked(use.member)
        guard use.stamps > 0, use.stamps <= Self.maxStampsAtOnce else {
            throw LedgerError(.invalidAmount, "the stamps to use must be 1 to \(Self.maxStampsAtOnce), not \(use.stamps)")
        }
        let actor = try use.actor.map { text throws(LedgerError) in try checkText(text, "the actor", maxLength: 100) }
        let request = ["stamp_use", member.fingerprint, String(use.stamps), actor ?? ""]
        return try await performOnce(key: key, request: request) { db, now in
            try self.commitStampUse(db, member: try MemberStore.require(db, member), stamps: use.stamps, actor: actor, reason: nil, at: now)
        }
    }

    /// Takes `stamps` from `found`, oldest first, inside the caller's SQLite transaction; the count was checked.
    func commitStampUse(_ db: Database, member found: Member, stamps: Stamps, actor: String?, reason: String?,
                        at now: Date) throws -> OperationResult {
        let current = try expireDue(db, member: found, at: now)
        guard stamps <= current.stamps else {
            throw LedgerError(.insufficientStamps, "the member has \(current.stamps) stamps; \(stamps) cannot be used")
        }
        let transaction = try TransactionLog.append(
            db, .init(type: .stampUse, memberID: current.id, stamps: -stamps, occurredAt: now, actor: actor, reason: reason))
        try LotStore.take(db, kind: .stamps, amount: stamps, memberID: current.id, transactionID: transaction.id)
        let after = try MemberStore.apply(db, points: 0, stamps: -stamps, to: current)
        return OperationResult(transaction: transaction, member: after)
    }

    static let maxStampsAtOnce: Stamps = 10_000
}
