import Foundation
import GRDB

/// A purchase from before this ledger existed (a previous agent's export), with its original time.
public struct HistoricalAccrual: Sendable, Hashable {
    public var member: MemberKey
    public var payment: Won
    public var occurredAt: Date

    public init(member: MemberKey, payment: Won, occurredAt: Date) {
        self.member = member
        self.payment = payment
        self.occurredAt = occurredAt
    }
}

extension Ledger {
    /// Imports earlier purchases as accruals in one SQLite transaction, through the same rules, lots, chain
    /// and outbox as live accruals. All or nothing: one bad row refuses the whole batch, naming it.
    @discardableResult
    public func importAccruals(_ accruals: [HistoricalAccrual], actor: String = "import") async throws -> Int {
        var checked: [(key: MemberKey, payment: Won, points: Points, stamps: Stamps, at: Date)] = []
        checked.reserveCapacity(accruals.count)
        for (index, accrual) in accruals.enumerated() {
            do {
                try policy.checkPayment(accrual.payment)
                checked.append((try self.checked(accrual.member), accrual.payment,
                                try policy.points(forPayment: accrual.payment), policy.stamps(forPayment: accrual.payment),
                                accrual.occurredAt))
            } catch {
                throw LedgerError(error.code, "row \(index + 1) of the import: \(error.message); nothing was imported")
            }
        }
        let rows = checked
        return try await storageErrors {
            try await commit { db in
                for row in rows {
                    let (found, _) = try MemberStore.findOrEnroll(db, row.key, at: row.at)
                    let current = try self.expireDue(db, member: found, at: row.at)
                    let transaction = try TransactionLog.append(
                        db, .init(type: .accrual, memberID: current.id, payment: row.payment, points: row.points,
                                  stamps: row.stamps, occurredAt: row.at, actor: actor))
                    try LotStore.grant(db, kind: .points, amount: row.points, memberID: current.id,
                                       transactionID: transaction.id, expiresAt: self.pointExpiry(from: row.at))
                    try LotStore.grant(db, kind: .stamps, amount: row.stamps, memberID: current.id,
                                       transactionID: transaction.id, expiresAt: nil)
                    let granted = try MemberStore.apply(db, points: row.points, stamps: row.stamps, to: current)
                    _ = try StampCard.fill(db, member: granted, policy: self.policy, at: row.at)
                }
                return rows.count
            }
        }
    }
}
