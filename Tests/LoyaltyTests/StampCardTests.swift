import Foundation
import Testing
@testable import Loyalty

/// Stamp cards: a full card becomes a reward coupon in the same commit, the surplus carries over, and
/// cancelling the purchase that filled a card voids its coupon unless it was redeemed.
@Suite struct StampCardTests {
    @Test func aFullCardBecomesACouponAndTheSurplusCarriesOver() async throws {
        let fixture = try LedgerFixture.withStampCards()
        let first = try await fixture.accrue(30_000)
        #expect(first.member.stamps == 3)
        #expect(first.coupons.isEmpty)

        let filling = try await fixture.accrue(40_000)
        #expect(filling.transaction.stamps == 4, "the accrual still shows the stamps it earned")
        #expect(filling.member.stamps == 2)
        let coupon = try #require(filling.coupons.first)
        #expect(filling.coupons.count == 1)
        #expect(coupon.kind == .stampCard)
        #expect(coupon.value == 3_000)
        #expect(coupon.description == "free coffee")
        #expect(coupon.state == .issued)
        #expect(coupon.memberID == filling.member.id)
        #expect(coupon.expiresAt == fixture.clock.now().addingTimeInterval(30 * 86_400))
        #expect(try CouponCode(parsing: coupon.code.rawValue) == coupon.code)

        let issue = try #require(try await fixture.ledger.transaction(coupon.issuedBy))
        #expect(issue.type == .couponIssue)
        #expect(issue.stamps == -5)
        #expect(issue.coupon == coupon.code)
        #expect(issue.id == filling.transaction.id + 1, "issued in the same commit, right after the accrual")
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func severalCardsFilledAtOnceGiveSeveralCoupons() async throws {
        let fixture = try LedgerFixture.withStampCards()
        try await fixture.accrue(10_000)
        let result = try await fixture.accrue(130_000)  // 1 + 13 stamps: two cards and 4 over
        #expect(result.coupons.count == 2)
        #expect(Set(result.coupons.map(\.code)).count == 2)
        #expect(result.member.stamps == 4)
        #expect(try await fixture.ledger.member(fixture.phone())?.stamps == 4)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func conversionsAndImportsFillCardsAndReplaysAnswerWithTheCoupons() async throws {
        let fixture = try LedgerFixture.withStampCards()
        let key = fixture.newKey()
        let conversion = Conversion(member: fixture.phone(), stamps: 6, reason: "lost card", actor: "kim")
        let converted = try await fixture.ledger.convert(conversion, key: key)
        #expect(converted.coupons.count == 1)
        #expect(converted.member.stamps == 1)
        let replay = try await fixture.ledger.convert(conversion, key: key)
        #expect(replay.replayed)
        #expect(replay.coupons == converted.coupons)

        let start = fixture.clock.now().addingTimeInterval(-86_400)
        try await fixture.ledger.importAccruals([HistoricalAccrual(member: fixture.phone("010-2222-3333"), payment: 50_000, occurredAt: start)])
        let page = try await fixture.ledger.coupons(CouponQuery(member: fixture.phone("010-2222-3333")))
        #expect(page.coupons.count == 1)
        #expect(page.coupons.first?.issuedAt == start)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func noCardsWhenTheSizeIsZero() async throws {
        var policy = StorePolicy()
        policy.stampEveryWon = 10_000
        #expect(policy.stampCardSize == 0, "stamp cards are off unless configured")
        let fixture = try LedgerFixture(policy: policy)
        let result = try await fixture.accrue(200_000)
        #expect(result.member.stamps == 20)
        #expect(result.coupons.isEmpty)
        #expect(try await fixture.count("coupon") == 0)
    }

    @Test func cancellingThePurchaseThatFilledTheCardVoidsTheCouponAndRestoresTheStamps() async throws {
        let fixture = try LedgerFixture.withStampCards()
        try await fixture.accrue(30_000)
        let filling = try await fixture.accrue(40_000)
        let code = try #require(filling.coupons.first?.code)

        let cancelled = try await fixture.cancel(filling.transaction.id)
        #expect(cancelled.transaction.cancels == filling.transaction.id)
        #expect(cancelled.member.stamps == 3, "back to the stamps before the purchase")
        #expect(cancelled.member.points == 300)
        #expect(cancelled.coupons.map(\.code) == [code])
        #expect(cancelled.coupons.first?.state == .void)
        #expect(try await fixture.ledger.verify().isClean)

        let redeemVoid = await ledgerError { try await fixture.redeem(code) }
        #expect(redeemVoid?.code == .couponVoid)
    }

    @Test func cancellingIsRefusedWhileTheCouponIsRedeemedAndWorksOnceTheRedemptionIsCancelled() async throws {
        let fixture = try LedgerFixture.withStampCards()
        let filling = try await fixture.accrue(50_000)
        let code = try #require(filling.coupons.first?.code)
        let redeemed = try await fixture.redeem(code)

        let before = try await fixture.rowCounts()
        let refused = await ledgerError { try await fixture.cancel(filling.transaction.id) }
        #expect(refused?.code == .couponAlreadyRedeemed)
        #expect(refused?.transactionID == redeemed.transaction.id, "it names the redemption to cancel first")
        #expect(try await fixture.rowCounts() == before, "a refusal writes nothing")

        try await fixture.cancelRedemption(redeemed.transaction.id)
        let cancelled = try await fixture.cancel(filling.transaction.id)
        #expect(cancelled.coupons.first?.state == .void)
        #expect(cancelled.member.stamps == 0)
        #expect(try await fixture.ledger.verify().isClean)
    }

    /// Two coupons took stamps from the cancelled purchase: both are voided, and the stamps that remain
    /// (from the other purchases) fill a card again, as they would have without that purchase.
    @Test func cancellingAnEarlierPurchaseRefillsFromTheStampsThatRemain() async throws {
        let fixture = try LedgerFixture.withStampCards()
        try await fixture.accrue(30_000)  // 3
        let second = try await fixture.accrue(30_000)  // 6: card 1 takes 3 + 2 of these, 1 over
        try await fixture.accrue(40_000)  // 5: card 2 takes the 1 over + 4
        let cards = try await fixture.ledger.coupons(CouponQuery()).coupons
        #expect(cards.count == 2)

        let cancelled = try await fixture.cancel(second.transaction.id)
        #expect(cancelled.coupons.count == 3)
        #expect(Array(cancelled.coupons.prefix(2).map(\.state)) == [.void, .void])
        #expect(cancelled.coupons.last?.state == .issued)
        #expect(cancelled.member.stamps == 2, "3 + 4 stamps remain: one card and 2 over")
        #expect(try await fixture.ledger.coupons(CouponQuery(states: [.issued])).coupons.count == 1)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aCardCouponIsNotCancelledOnItsOwn() async throws {
        let fixture = try LedgerFixture.withStampCards()
        let filling = try await fixture.accrue(50_000)
        let issue = try #require(filling.coupons.first?.issuedBy)
        let refused = await ledgerError { try await fixture.cancel(issue) }
        #expect(refused?.code == .notCancellable)
        #expect(refused?.message.contains("cancel the accrual or conversion") == true)
    }

    @Test func aCancelledStampUseThatFillsTheCardMakesACoupon() async throws {
        let fixture = try LedgerFixture.withStampCards()
        try await fixture.accrue(40_000)  // 4
        let use = try await fixture.ledger.useStamps(StampUse(member: fixture.phone(), stamps: 3), key: fixture.newKey())
        try await fixture.accrue(30_000)  // 1 + 3 = 4
        let cancelled = try await fixture.cancel(use.transaction.id)  // 4 + 3 = 7: a card and 2 over
        #expect(cancelled.coupons.count == 1)
        #expect(cancelled.member.stamps == 2)
        #expect(try await fixture.ledger.verify().isClean)
    }
}
