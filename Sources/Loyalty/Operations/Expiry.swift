import Foundation
import GRDB

/// Points (and any stamps given an expiry) whose lots reach their expiry leave the balance through an
/// `expiry` transaction, so the balance always equals the replay of the member's transactions. Issued
/// coupons past their expiry each get a `coupon_expiry` transaction.
enum Expiry {
    static func apply(_ db: Database, member: Member, at now: Date) throws -> Member {
        for coupon in try CouponStore.due(db, memberID: member.id, at: now) {
            _ = try TransactionLog.append(
                db, .init(type: .couponExpiry, memberID: member.id, occurredAt: now, actor: "system", coupon: coupon))
            try CouponStore.set(db, coupon.id, to: .expired)
        }
        let due = try LotStore.due(db, memberID: member.id, at: now)
        guard !due.isEmpty else { return member }
        let points = due.filter { $0.kind == .points }.reduce(0) { $0 + $1.remaining }
        let stamps = due.filter { $0.kind == .stamps }.reduce(0) { $0 + $1.remaining }
        let transaction = try TransactionLog.append(
            db,
            .init(type: .expiry, memberID: member.id, points: -points, stamps: -stamps, occurredAt: now, actor: "system"))
        for lot in due {
            try LotStore.record(db, take: lot.remaining, from: lot.id, by: transaction.id)
        }
        return try MemberStore.apply(db, points: -points, stamps: -stamps, to: member)
    }
}

/// What one run of `Ledger.expire(now:)` did.
public struct ExpiryReport: Sendable, Hashable, Codable {
    public var members: Int = 0
    public var pointsExpired: Points = 0
    public var stampsExpired: Stamps = 0
    public var couponsExpired: Int = 0
}

extension Ledger {
    /// Expires every lot and coupon due at `now`, in batches of members so the writer is never held for long.
    public func expire(now: Date) async throws -> ExpiryReport {
        var report = ExpiryReport()
        while true {
            let batch = try await storageErrors {
                try await commit { db -> ExpiryReport in
                    var batch = ExpiryReport()
                    let members = Set(try LotStore.membersWithDueLots(db, at: now, limit: 200))
                        .union(try CouponStore.membersWithDueCoupons(db, at: now, limit: 200))
                    for memberID in members.sorted() {
                        let before = try MemberStore.require(db, .id(memberID))
                        batch.couponsExpired += try CouponStore.due(db, memberID: memberID, at: now).count
                        let after = try Expiry.apply(db, member: before, at: now)
                        batch.members += 1
                        batch.pointsExpired += before.points - after.points
                        batch.stampsExpired += before.stamps - after.stamps
                    }
                    return batch
                }
            }
            guard batch.members > 0 else { return report }
            report.members += batch.members
            report.pointsExpired += batch.pointsExpired
            report.stampsExpired += batch.stampsExpired
            report.couponsExpired += batch.couponsExpired
        }
    }
}
