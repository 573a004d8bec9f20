import Foundation
import GRDB

/// A stamp card of `stamp_card_size` stamps: whenever stamps are added to a member's balance and it holds a
/// full card or more, each full card becomes a reward coupon in the same SQLite transaction. The card's
/// stamps leave the balance through the coupon's `coupon_issue` transaction, taken from the oldest stamp
/// lots like a stamp use; the surplus stays on the next card.
enum StampCard {
    /// The most cards one operation fills; a larger surplus stays on the balance for the next operations,
    /// so a misjudged `stamp_every_won` cannot make one purchase write thousands of coupons.
    static let maxCardsAtOnce: Int64 = 100

    static func fill(_ db: Database, member: Member, policy: StorePolicy, at now: Date) throws -> (member: Member, coupons: [Coupon]) {
        let size = policy.stampCardSize
        guard size > 0, member.stamps >= size else { return (member, []) }
        var current = member
        var coupons: [Coupon] = []
        let expiresAt = policy.stampCouponValidDays == 0
            ? nil : now.addingTimeInterval(TimeInterval(policy.stampCouponValidDays) * 86_400)
        for _ in 0..<min(member.stamps / size, maxCardsAtOnce) {
            let (coupon, transaction) = try CouponStore.issue(
                db,
                .init(memberID: current.id, kind: .stampCard, value: policy.stampCardRewardWon,
                      description: policy.stampCardReward, expiresAt: expiresAt),
                stamps: size, actor: "system", reason: "stamp card of \(size) stamps filled", at: now)
            try LotStore.take(db, kind: .stamps, amount: size, memberID: current.id, transactionID: transaction.id)
            current = try MemberStore.apply(db, points: 0, stamps: -size, to: current)
            coupons.append(coupon)
        }
        return (current, coupons)
    }
}
