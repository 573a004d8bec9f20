import Foundation
import Testing
@testable import Loyalty

@Suite struct HistoryTests {
    /// Accruals at 10:00 Seoul on Mar 2, then 23:30 on Mar 2, 00:30 on Mar 3 and 10:00 on Mar 9.
    func fixtureOverSeveralDays() async throws -> LedgerFixture {
        let fixture = try LedgerFixture()
        try await fixture.accrue(1_000, phone: "010-1111-0001")
        fixture.clock.advance(by: 13.5 * 3_600)
        try await fixture.accrue(2_000, phone: "010-1111-0002")
        fixture.clock.advance(by: 3_600)
        try await fixture.accrue(3_000, phone: "010-1111-0001")
        fixture.clock.set(LedgerFixture.start.addingTimeInterval(7 * 86_400))
        try await fixture.accrue(4_000, phone: "010-1111-0003")
        return fixture
    }

    @Test func presetsFollowTheStoreTimeZone() async throws {
        let fixture = try await fixtureOverSeveralDays()
        func payments(_ range: HistoryRange) async throws -> [Won] {
            try await fixture.ledger.history(HistoryQuery(range: range)).entries.map(\.transaction.payment)
        }
        #expect(try await payments(.today) == [4_000])
        #expect(try await payments(.week) == [4_000, 3_000])
        #expect(try await payments(.month) == [4_000, 3_000, 2_000, 1_000])
        #expect(try await payments(.all) == [4_000, 3_000, 2_000, 1_000])
        fixture.clock.set(LedgerFixture.start.addingTimeInterval(86_400))  // Mar 3
        #expect(try await payments(.yesterday) == [2_000, 1_000])
        #expect(try await payments(.today) == [3_000])
        let mar2 = StoreDay(year: 2026, month: 3, day: 2).start(in: LedgerFixture.seoul)
        #expect(try await payments(.between(from: mar2, to: mar2.addingTimeInterval(86_400))) == [2_000, 1_000])
    }

    @Test func pagesWithACursorWithoutGapsOrRepeats() async throws {
        let fixture = try LedgerFixture()
        for payment in stride(from: Int64(1_000), through: 25_000, by: 1_000) {
            try await fixture.accrue(payment)
            fixture.clock.advance(by: 1)
        }
        var seen: [Won] = []
        var cursor: String?
        repeat {
            let page = try await fixture.ledger.history(HistoryQuery(range: .all, limit: 10, cursor: cursor))
            seen += page.entries.map(\.transaction.payment)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == Array(stride(from: Int64(25_000), through: 1_000, by: -1_000)))
    }

    @Test func filtersByMemberAndType() async throws {
        let fixture = try await fixtureOverSeveralDays()
        let member = try await fixture.ledger.history(HistoryQuery(range: .all, member: fixture.phone("010-1111-0001")))
        #expect(member.entries.map(\.transaction.payment) == [3_000, 1_000])
        #expect(member.entries.allSatisfy { $0.phone?.lastFour == "0001" })
        let stranger = try await fixture.ledger.history(HistoryQuery(range: .all, member: fixture.phone("010-9999-9999")))
        #expect(stranger.entries.isEmpty)
        try await fixture.cancel(1)
        let cancellations = try await fixture.ledger.history(HistoryQuery(range: .all, types: [.cancellation]))
        #expect(cancellations.entries.map(\.transaction.cancels) == [1])
    }

    @Test func findsMembersByTheLastFourDigitsOfTheirPhone() async throws {
        let fixture = try await fixtureOverSeveralDays()
        try await fixture.accrue(5_000, phone: "010-2222-1001")
        let found = try await fixture.ledger.history(HistoryQuery(range: .all, phoneEnding: "0001"))
        #expect(found.entries.map(\.transaction.payment) == [3_000, 1_000])
        let other = try await fixture.ledger.history(HistoryQuery(range: .all, phoneEnding: "1001"))
        #expect(other.entries.map(\.transaction.payment) == [5_000])
        let none = try await fixture.ledger.history(HistoryQuery(range: .all, phoneEnding: "4321"))
        #expect(none.entries.isEmpty)
        let short = await ledgerError { try await fixture.ledger.history(HistoryQuery(phoneEnding: "001")) }
        #expect(short?.code == .invalidQuery)
        let letters = await ledgerError { try await fixture.ledger.history(HistoryQuery(phoneEnding: "00a1")) }
        #expect(letters?.code == .invalidQuery)
    }

    @Test func refusesBadQueries() async throws {
        let fixture = try LedgerFixture()
        let now = fixture.clock.now()
        let backwards = await ledgerError {
            try await fixture.ledger.history(HistoryQuery(range: .between(from: now, to: now.addingTimeInterval(-1))))
        }
        #expect(backwards?.code == .invalidQuery)
        let cursor = await ledgerError { try await fixture.ledger.history(HistoryQuery(cursor: "garbage")) }
        #expect(cursor?.code == .invalidQuery)
        let size = await ledgerError { try await fixture.ledger.history(HistoryQuery(limit: 0)) }
        #expect(size?.code == .invalidQuery)
    }
}

@Suite struct StatisticsTests {
    @Test func dailyFiguresPerStoreDay() async throws {
        let fixture = try LedgerFixture()
        try await fixture.accrue(100_000, phone: "010-1111-0001")  // 1 000 points, 1 stamp
        try await fixture.accrue(50_000, phone: "010-1111-0002")  // 500 points, 1 stamp
        try await fixture.usePoints(1_000, payment: 20_000, phone: "010-1111-0001")
        let third = try await fixture.accrue(10_000, phone: "010-1111-0002")
        try await fixture.cancel(third.transaction.id)
        fixture.clock.advance(by: 86_400)
        try await fixture.accrue(30_000, phone: "010-1111-0003")

        let mar2 = StoreDay(year: 2026, month: 3, day: 2)
        let days = try await fixture.ledger.dailyStatistics(from: mar2, to: mar2.adding(days: 2, in: LedgerFixture.seoul))
        #expect(days.map(\.day.description) == ["2026-03-02", "2026-03-03", "2026-03-04"])
        #expect(days[0].transactions == 4)
        #expect(days[0].payments == 160_000)
        #expect(days[0].pointsGranted == 1_600)
        #expect(days[0].pointsUsed == 1_000)
        #expect(days[0].stampsGranted == 3)
        #expect(days[0].distinctCustomers == 2)
        #expect(days[0].cancellations == 1)
        #expect(days[1].transactions == 1)
        #expect(days[1].distinctCustomers == 1)
        #expect(days[2].transactions == 0)
    }

    /// A day with stamp cards and coupons, checked figure by figure, and the same day by hour.
    @Test func stampsCouponsNewMembersAndHours() async throws {
        let fixture = try LedgerFixture.withStampCards()  // 5 stamps a card, a stamp per 10,000 won
        try await fixture.accrue(30_000, phone: "010-1111-0001")  // 10:00, new member, 3 stamps
        fixture.clock.advance(by: 3_600)
        let filling = try await fixture.accrue(40_000, phone: "010-1111-0001")  // 11:00, 4 stamps: a card, 2 over
        let voucher = try await fixture.issueVoucher(2_000, phone: "010-1111-0002")  // new member
        fixture.clock.advance(by: 3_600)
        try await fixture.redeem(try #require(filling.coupons.first?.code))  // 12:00
        try await fixture.redeem(try #require(voucher.coupons.first?.code))
        try await fixture.ledger.useStamps(StampUse(member: fixture.phone("010-1111-0001"), stamps: 1), key: fixture.newKey())
        fixture.clock.advance(by: 86_400)
        try await fixture.accrue(10_000, phone: "010-1111-0001")  // the next day: an old member

        let mar2 = StoreDay(year: 2026, month: 3, day: 2)
        let days = try await fixture.ledger.dailyStatistics(from: mar2, to: mar2.adding(days: 1, in: LedgerFixture.seoul))
        let day = days[0]
        #expect(day.transactions == 3, "two accruals and a stamp use")
        #expect(day.payments == 70_000)
        #expect(day.pointsGranted == 700)
        #expect(day.stampsGranted == 7)
        #expect(day.stampsUsed == 1)
        #expect(day.stampsToCoupons == 5)
        #expect(day.couponsIssued == 2)
        #expect(day.couponsRedeemed == 2)
        #expect(day.couponsExpired == 0)
        #expect(day.newMembers == 2)
        #expect(day.distinctCustomers == 2, "the voucher's member came to redeem it")
        #expect(day.cancellations == 0)
        #expect(days[1].newMembers == 0)
        #expect(days[1].distinctCustomers == 1)

        let hours = try await fixture.ledger.hourlyStatistics(on: mar2)
        #expect(hours.map(\.hour) == Array(0..<24))
        #expect(hours[10].transactions == 1 && hours[10].payments == 30_000)
        #expect(hours[11].transactions == 1 && hours[11].stampsGranted == 4 && hours[11].distinctCustomers == 1)
        #expect(hours[12].couponsRedeemed == 2 && hours[12].transactions == 1 && hours[12].distinctCustomers == 2)
        #expect(hours.filter { $0.hour < 10 || $0.hour > 12 }.allSatisfy { $0 == HourlyStatistics(hour: $0.hour) })

        try await fixture.issueVoucher(1_000, phone: "010-1111-0003")  // valid 30 days, never redeemed
        fixture.clock.advance(by: 40 * 86_400)
        _ = try await fixture.ledger.expire(now: fixture.clock.now())
        let expiryDay = StoreDay(containing: fixture.clock.now(), in: LedgerFixture.seoul)
        let later = try await fixture.ledger.dailyStatistics(from: expiryDay, to: expiryDay)
        #expect(later[0].couponsExpired == 1, "the unused voucher; the redeemed coupons do not expire")
    }

    @Test func refusesReversedOrHugeSpans() async throws {
        let fixture = try LedgerFixture()
        let day = StoreDay(year: 2026, month: 3, day: 2)
        let reversed = await ledgerError { try await fixture.ledger.dailyStatistics(from: day, to: day.adding(days: -1, in: .gmt)) }
        #expect(reversed?.code == .invalidQuery)
        let huge = await ledgerError { try await fixture.ledger.dailyStatistics(from: day, to: day.adding(days: 5_000, in: .gmt)) }
        #expect(huge?.code == .invalidQuery)
        #expect(throws: LedgerError.self) { try StoreDay(parsing: "2026-13-01") }
        for wrong in ["2026-02-29", "2026-04-31", "2026-1-05", "+026-01-05", "2026-01-05T00:00", "0000-01-01", "2026/01/05", ""] {
            #expect(throws: LedgerError.self, "\(wrong)") { try StoreDay(parsing: wrong) }
        }
        #expect(try StoreDay(parsing: "2028-02-29") == StoreDay(year: 2028, month: 2, day: 29))
        #expect(try StoreDay(parsing: "2000-02-29") == StoreDay(year: 2000, month: 2, day: 29))
        #expect(throws: LedgerError.self) { try StoreDay(parsing: "1900-02-29") }
        #expect(try StoreDay(parsing: "1819-01-05") == StoreDay(year: 1819, month: 1, day: 5))
        #expect(try StoreDay(parsing: "2026-03-02") == day)
    }
}
