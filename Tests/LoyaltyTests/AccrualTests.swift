import Foundation
import Testing
@testable import Loyalty

@Suite struct AccrualTests {
    @Test func earnsPointsByRateAndAStampAndEnrolls() async throws {
        let fixture = try LedgerFixture()
        let result = try await fixture.accrue(12_345)
        #expect(result.enrolled)
        #expect(result.transaction.type == .accrual)
        #expect(result.transaction.payment == 12_345)
        #expect(result.transaction.points == 123)
        #expect(result.transaction.stamps == 1)
        #expect(result.member.points == 123)
        #expect(result.member.stamps == 1)
        #expect(result.member.phone?.digits == "01012345678")

        let second = try await fixture.accrue(10_000, phone: "+82 10 1234 5678")
        #expect(!second.enrolled)
        #expect(second.member.id == result.member.id)
        #expect(second.member.points == 223)
        #expect(second.member.stamps == 2)
    }

    @Test func aKnownCardAccruesAndAForeignBarcodeIsRefused() async throws {
        let fixture = try LedgerFixture(barcodeFormat: BarcodeFormat(minLength: 10, maxLength: 10, prefix: "77"))
        let card = try await fixture.ledger.accrue(Accrual(member: .barcode("7700000001"), payment: 5_000), key: fixture.newKey())
        #expect(card.enrolled)
        #expect(card.member.barcode == "7700000001")
        #expect(card.member.phone == nil)
        let product = await ledgerError {
            try await fixture.ledger.accrue(Accrual(member: .barcode("8801234567890"), payment: 5_000), key: fixture.newKey())
        }
        #expect(product?.code == .invalidBarcode)
    }

    @Test(arguments: [Int64(0), -1, -10_000, 10_000_001, .max, .min])
    func refusesAbsurdPaymentsAndWritesNothing(payment: Int64) async throws {
        let fixture = try LedgerFixture()
        let before = try await fixture.rowCounts()
        let error = await ledgerError { try await fixture.accrue(payment) }
        #expect(error?.code == (payment > 0 ? .amountTooLarge : .invalidAmount))
        #expect(try await fixture.rowCounts() == before)
    }

    @Test func pointsExpireAfterTheConfiguredDays() async throws {
        var policy = StorePolicy()
        policy.pointExpiryDays = 30
        let fixture = try LedgerFixture(policy: policy)
        try await fixture.accrue(100_000)  // 1 000 points
        fixture.clock.advance(by: 29 * 86_400)
        #expect(try await fixture.ledger.member(fixture.phone())?.points == 1_000)
        fixture.clock.advance(by: 2 * 86_400)
        // The next operation on the member expires the lot first.
        let result = try await fixture.accrue(10_000)
        #expect(result.member.points == 100)
        let history = try await fixture.ledger.history(HistoryQuery(range: .all))
        #expect(history.entries.map(\.transaction.type) == [.accrual, .expiry, .accrual])
        #expect(history.entries[1].transaction.points == -1_000)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func explicitExpiryRunCoversEveryMember() async throws {
        var policy = StorePolicy()
        policy.pointExpiryDays = 10
        let fixture = try LedgerFixture(policy: policy)
        try await fixture.accrue(50_000, phone: "010-1111-1111")
        try await fixture.accrue(70_000, phone: "010-2222-2222")
        fixture.clock.advance(by: 5 * 86_400)
        try await fixture.accrue(20_000, phone: "010-2222-2222")
        let report = try await fixture.ledger.expire(now: LedgerFixture.start.addingTimeInterval(11 * 86_400))
        #expect(report.members == 2)
        #expect(report.pointsExpired == 1_200)
        #expect(try await fixture.ledger.member(fixture.phone("010-2222-2222"))?.points == 200)
        #expect(try await fixture.ledger.expire(now: LedgerFixture.start.addingTimeInterval(11 * 86_400)).members == 0)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func committedAccrualsSurviveReopening() async throws {
        let fixture = try LedgerFixture()
        let result = try await fixture.accrue(25_000)
        try fixture.reopen()
        let member = try await fixture.ledger.member(fixture.phone())
        #expect(member?.points == 250)
        #expect(try await fixture.ledger.transaction(result.transaction.id)?.hash == result.transaction.hash)
        #expect(try await fixture.ledger.verify().isClean)
    }
}
