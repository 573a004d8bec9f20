import Foundation
import GRDB
import Testing
@testable import Loyalty

/// Vouchers and coupon redemption: every rule and refusal, and the ledger's invariants after each.
@Suite struct CouponTests {
    @Test func aManagersVoucherIsAnIssuedCouponRecordedWithTheAudit() async throws {
        let fixture = try LedgerFixture()
        let note = AuditNote(.voucherIssued, manager: nil, caller: "root (uid 0)", detail: "late delivery")
        let result = try await fixture.issueVoucher(5_000, audit: note)
        #expect(result.enrolled, "a voucher for a new phone enrolls the member, as a conversion does")
        #expect(result.transaction.type == .couponIssue)
        #expect(result.transaction.points == 0 && result.transaction.stamps == 0)
        #expect(result.transaction.actor == "kim")
        #expect(result.transaction.reason == "late delivery")
        let coupon = try #require(result.coupons.first)
        #expect(coupon.kind == .voucher)
        #expect(coupon.value == 5_000)
        #expect(coupon.description == "late delivery")
        #expect(coupon.expiresAt == fixture.clock.now().addingTimeInterval(30 * 86_400), "voucher_valid_days by default")
        #expect(result.transaction.coupon == coupon.code)
        let audit = try await fixture.ledger.auditLog.page(AuditQuery()).entries
        #expect(audit.map(\.action) == [.voucherIssued])
        #expect(audit.first?.transactionID == result.transaction.id)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aVoucherValidUntilAGivenDayExpiresAtThatDaysEnd() async throws {
        let fixture = try LedgerFixture()
        let validUntil = StoreDay(year: 2026, month: 3, day: 10)
        let coupon = try #require(try await fixture.issueVoucher(validUntil: validUntil).coupons.first)
        #expect(coupon.expiresAt == StoreDay(year: 2026, month: 3, day: 11).start(in: LedgerFixture.seoul))
    }

    @Test func voucherRefusalsWriteNothing() async throws {
        let fixture = try LedgerFixture()
        let before = try await fixture.rowCounts()
        #expect(await ledgerError { try await fixture.issueVoucher(0) }?.code == .invalidAmount)
        #expect(await ledgerError { try await fixture.issueVoucher(-5) }?.code == .invalidAmount)
        #expect(await ledgerError { try await fixture.issueVoucher(10_000_001) }?.code == .amountTooLarge)
        let past = StoreDay(year: 2026, month: 3, day: 1)
        #expect(await ledgerError { try await fixture.issueVoucher(validUntil: past) }?.code == .invalidExpiry)
        let blank = await ledgerError {
            try await fixture.ledger.issueVoucher(Voucher(member: fixture.phone(), value: 1_000, reason: "  ", actor: "kim"), key: fixture.newKey())
        }
        #expect(blank?.code == .invalidReason)
        #expect(try await fixture.rowCounts() == before)
        #expect(try await fixture.count("coupon") == 0)
    }

    @Test func aCouponIsRedeemedOnceAndTheSecondTryNamesTheFirst() async throws {
        let fixture = try LedgerFixture()
        let code = try #require(try await fixture.issueVoucher().coupons.first?.code)
        let redeemed = try await fixture.redeem(code)
        #expect(redeemed.transaction.type == .couponRedemption)
        #expect(redeemed.transaction.coupon == code)
        #expect(redeemed.coupons.first?.state == .redeemed)
        #expect(redeemed.coupons.first?.redeemedBy == redeemed.transaction.id)

        let before = try await fixture.rowCounts()
        let twice = await ledgerError { try await fixture.redeem(code) }
        #expect(twice?.code == .couponAlreadyRedeemed)
        #expect(twice?.transactionID == redeemed.transaction.id)
        #expect(try await fixture.rowCounts() == before)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func theSameKeyAnswersWithTheFirstRedemption() async throws {
        let fixture = try LedgerFixture()
        let code = try #require(try await fixture.issueVoucher().coupons.first?.code)
        let key = fixture.newKey()
        let first = try await fixture.ledger.redeemCoupon(CouponRedemption(code: code), key: key)
        let again = try await fixture.ledger.redeemCoupon(CouponRedemption(code: code), key: key)
        #expect(again.replayed)
        #expect(again.transaction.id == first.transaction.id)
        #expect(again.coupons.map(\.id) == first.coupons.map(\.id))
    }

    @Test func anExpiredCouponIsRefusedAndTheExpiryIsWrittenLater() async throws {
        let fixture = try LedgerFixture()
        let code = try #require(try await fixture.issueVoucher().coupons.first?.code)
        fixture.clock.advance(by: 30 * 86_400)
        #expect(try await fixture.coupon(code)?.state == .expired, "past its expiry it reads expired at once")
        let before = try await fixture.rowCounts()
        let refused = await ledgerError { try await fixture.redeem(code) }
        #expect(refused?.code == .couponExpired)
        #expect(try await fixture.rowCounts() == before, "the refusal writes nothing, not even the expiry")

        let report = try await fixture.ledger.expire(now: fixture.clock.now())
        #expect(report.couponsExpired == 1)
        let expiry = try await fixture.ledger.history(HistoryQuery(range: .all, types: [.couponExpiry])).entries
        #expect(expiry.map(\.transaction.coupon) == [code])
        #expect(try await fixture.ledger.expire(now: fixture.clock.now()).couponsExpired == 0)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aRedemptionIsCancelledOnceAndTheCouponCanBeRedeemedAgain() async throws {
        let fixture = try LedgerFixture()
        let code = try #require(try await fixture.issueVoucher().coupons.first?.code)
        let first = try await fixture.redeem(code)
        let cancelled = try await fixture.cancelRedemption(first.transaction.id)
        #expect(cancelled.transaction.cancels == first.transaction.id)
        #expect(cancelled.transaction.coupon == code)
        #expect(cancelled.coupons.first?.state == .issued)

        let again = await ledgerError { try await fixture.cancelRedemption(first.transaction.id) }
        #expect(again?.code == .alreadyCancelled)
        #expect(again?.transactionID == cancelled.transaction.id)

        let second = try await fixture.redeem(code)
        #expect(second.coupons.first?.redeemedBy == second.transaction.id)
        try await fixture.cancelRedemption(second.transaction.id)
        #expect(try await fixture.coupon(code)?.state == .issued)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func cancelRedemptionTakesOnlyRedemptions() async throws {
        let fixture = try LedgerFixture()
        let voucher = try await fixture.issueVoucher()
        let refused = await ledgerError { try await fixture.cancelRedemption(voucher.transaction.id) }
        #expect(refused?.code == .notCancellable)
        #expect(await ledgerError { try await fixture.cancelRedemption(999) }?.code == .transactionNotFound)
    }

    @Test func aRedemptionCancelledAfterTheExpiryGivesBackAnExpiredCoupon() async throws {
        let fixture = try LedgerFixture()
        let code = try #require(try await fixture.issueVoucher().coupons.first?.code)
        let redeemed = try await fixture.redeem(code)
        fixture.clock.advance(by: 31 * 86_400)
        let cancelled = try await fixture.cancelRedemption(redeemed.transaction.id)
        #expect(cancelled.coupons.first?.state == .expired)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aVoucherIsWithdrawnByCancellingItsIssueUnlessRedeemed() async throws {
        let fixture = try LedgerFixture()
        let voucher = try await fixture.issueVoucher()
        let code = try #require(voucher.coupons.first?.code)
        let redemption = try await fixture.redeem(code)
        let refused = await ledgerError { try await fixture.cancel(voucher.transaction.id) }
        #expect(refused?.code == .couponAlreadyRedeemed)
        #expect(refused?.transactionID == redemption.transaction.id)

        try await fixture.cancelRedemption(redemption.transaction.id)
        let withdrawn = try await fixture.cancel(voucher.transaction.id)
        #expect(withdrawn.coupons.first?.state == .void)
        #expect(await ledgerError { try await fixture.redeem(code) }?.code == .couponVoid)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aCouponsExpiryIsNotCancelled() async throws {
        let fixture = try LedgerFixture()
        try await fixture.issueVoucher()
        fixture.clock.advance(by: 31 * 86_400)
        _ = try await fixture.ledger.expire(now: fixture.clock.now())
        let expiry = try #require(try await fixture.ledger.history(HistoryQuery(range: .all, types: [.couponExpiry])).entries.first)
        #expect(await ledgerError { try await fixture.cancel(expiry.transaction.id) }?.code == .notCancellable)
    }

    @Test func unknownAndMistypedCodesAreRefused() async throws {
        let fixture = try LedgerFixture()
        let code = try #require(try await fixture.issueVoucher().coupons.first?.code)
        let digits = Array(code.rawValue.dropFirst(2))
        var other = CouponCode.random()
        while other == code { other = CouponCode.random() }
        #expect(await ledgerError { try await fixture.redeem(other) }?.code == .couponNotFound)

        // One digit changed, or two neighbours swapped, fails the check digit.
        var changed = digits
        changed[3] = changed[3] == "9" ? "0" : Character(String((changed[3].wholeNumberValue ?? 0) + 1))
        #expect(throws: LedgerError.self) { try CouponCode(parsing: "CP" + String(changed)) }
        if digits[4] != digits[5] {
            var swapped = digits
            swapped.swapAt(4, 5)
            if !(Set([digits[4], digits[5]]) == Set(["0", "9"])) {
                #expect(throws: LedgerError.self) { try CouponCode(parsing: "CP" + String(swapped)) }
            }
        }
        #expect(throws: LedgerError.self) { try CouponCode(parsing: "880012345678") }
        #expect(throws: LedgerError.self) { try CouponCode(parsing: "CP123") }
    }

    @Test func codesReadAsTypedAndTellCouponsFromCards() throws {
        for _ in 0..<200 {
            let code = CouponCode.random()
            #expect(code.rawValue.count == 13)
            #expect(try CouponCode(parsing: code.rawValue) == code)
        }
        let code = CouponCode.random()
        let digits = code.rawValue.dropFirst(2)
        let typed = "cp-\(digits.prefix(4))-\(digits.dropFirst(4).prefix(4)) \(digits.dropFirst(8))"
        #expect(try CouponCode(parsing: typed) == code)
        #expect(CouponCode.looksLikeCoupon(code.rawValue))
        #expect(CouponCode.looksLikeCoupon("cp12"))
        #expect(!CouponCode.looksLikeCoupon("880012345678"))
    }

    @Test func listsByMemberAndStateAsOfNow() async throws {
        let fixture = try LedgerFixture()
        let kept = try #require(try await fixture.issueVoucher(1_000, validUntil: StoreDay(year: 2026, month: 12, day: 31)).coupons.first)
        let used = try #require(try await fixture.issueVoucher(2_000).coupons.first)
        try await fixture.redeem(used.code)
        let short = try #require(try await fixture.issueVoucher(3_000, validUntil: StoreDay(year: 2026, month: 3, day: 2)).coupons.first)
        try await fixture.issueVoucher(4_000, phone: "010-9999-0000")
        fixture.clock.advance(by: 86_400)

        let mine = try await fixture.ledger.coupons(CouponQuery(member: fixture.phone()))
        #expect(mine.coupons.map(\.value) == [3_000, 2_000, 1_000], "newest first")
        let issued = try await fixture.ledger.coupons(CouponQuery(member: fixture.phone(), states: [.issued]))
        #expect(issued.coupons.map(\.code) == [kept.code])
        let expired = try await fixture.ledger.coupons(CouponQuery(states: [.expired]))
        #expect(expired.coupons.map(\.code) == [short.code])
        #expect(expired.coupons.first?.state == .expired)

        let firstPage = try await fixture.ledger.coupons(CouponQuery(limit: 3))
        let cursor = try #require(firstPage.nextCursor)
        let secondPage = try await fixture.ledger.coupons(CouponQuery(limit: 3, cursor: cursor))
        #expect((firstPage.coupons + secondPage.coupons).map(\.value) == [4_000, 3_000, 2_000, 1_000])
        #expect(secondPage.nextCursor == nil)
        #expect(await ledgerError { try await fixture.ledger.coupons(CouponQuery(limit: 0)) }?.code == .invalidQuery)
    }

    @Test func verifyReportsAChangedCoupon() async throws {
        let fixture = try LedgerFixture()
        let voucher = try await fixture.issueVoucher()
        try await fixture.redeem(try #require(voucher.coupons.first?.code))
        let tamper = { (sql: String) in
            try await fixture.ledger.database.pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
        }
        try await tamper("UPDATE coupon SET value = 50000")
        let valueIssues = try await fixture.ledger.verify().issues
        #expect(valueIssues.map(\.kind) == [.hashMismatch, .hashMismatch], "the issue and the redemption cover the terms")

        try await tamper("UPDATE coupon SET value = 5000, state = 'issued', redemption_id = NULL")
        let stateIssues = try await fixture.ledger.verify().issues
        #expect(stateIssues.map(\.kind) == [.couponState])
        #expect(stateIssues.first?.detail.contains("its transactions make it redeemed") == true)
    }
}
