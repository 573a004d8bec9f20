import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct PointUseTests {
    /// A member holding 5 000 points under a policy of min 1 000, unit 100, at most half a payment.
    func fixtureWithPoints() async throws -> LedgerFixture {
        var policy = StorePolicy()
        policy.maxUseShareBP = 5_000
        let fixture = try LedgerFixture(policy: policy)
        try await fixture.accrue(500_000)
        return fixture
    }

    @Test func usesPointsWithinTheRules() async throws {
        let fixture = try await fixtureWithPoints()
        let result = try await fixture.usePoints(2_000, payment: 10_000)
        #expect(result.transaction.type == .pointUse)
        #expect(result.transaction.points == -2_000)
        #expect(result.transaction.payment == 10_000)
        #expect(result.member.points == 3_000)
    }

    @Test(arguments: [
        (Int64(900), Int64(10_000), LedgerError.Code.belowMinimumUse, "at least 1000"),
        (1_050, 10_000, .offUseUnit, "use 1000 or 1100"),
        (3_000, 5_000, .exceedsUseShare, "at most 2500"),
        (6_000, 20_000, .insufficientPoints, "has 5000 points"),
        (0, 10_000, .invalidAmount, "positive"),
        (-1_000, 10_000, .invalidAmount, "positive"),
        (1_000, 0, .invalidAmount, "payment"),
    ])
    func refusalsNameTheRule(points: Int64, payment: Int64, code: LedgerError.Code, says: String) async throws {
        let fixture = try await fixtureWithPoints()
        let before = try await fixture.rowCounts()
        let error = await ledgerError { try await fixture.usePoints(points, payment: payment) }
        #expect(error?.code == code)
        #expect(error?.message.contains(says) == true, "\(error?.message ?? "no error")")
        #expect(try await fixture.rowCounts() == before)
    }

    @Test func unknownMemberCannotUsePoints() async throws {
        let fixture = try LedgerFixture()
        let error = await ledgerError { try await fixture.usePoints(1_000, phone: "010-9999-0000") }
        #expect(error?.code == .memberNotFound)
        #expect(try await fixture.count("member") == 0)
    }

    @Test func takesTheSoonestExpiringLotsFirst() async throws {
        var policy = StorePolicy()
        policy.pointExpiryDays = 100
        let fixture = try LedgerFixture(policy: policy)
        let first = try await fixture.accrue(100_000)  // 1 000 points, expire day 100
        fixture.clock.advance(by: 10 * 86_400)
        let second = try await fixture.accrue(200_000)  // 2 000 points, expire day 110
        try await fixture.usePoints(1_500)
        let remaining = try await fixture.ledger.database.pool.read { db in
            try [Int64: Int64](uniqueKeysWithValues: Row.fetchAll(
                db, sql: "SELECT transaction_id, remaining FROM lot WHERE kind = 'points'"
            ).map { ($0["transaction_id"], $0["remaining"]) })
        }
        #expect(remaining[first.transaction.id] == 0)
        #expect(remaining[second.transaction.id] == 1_500)
    }
}

@Suite struct StampUseTests {
    @Test func usesStampsAndRefusesMoreThanHeld() async throws {
        let fixture = try LedgerFixture()
        for _ in 0..<3 { try await fixture.accrue(5_000) }
        let result = try await fixture.ledger.useStamps(StampUse(member: fixture.phone(), stamps: 2), key: fixture.newKey())
        #expect(result.transaction.stamps == -2)
        #expect(result.member.stamps == 1)
        let error = await ledgerError {
            try await fixture.ledger.useStamps(StampUse(member: fixture.phone(), stamps: 2), key: fixture.newKey())
        }
        #expect(error?.code == .insufficientStamps)
        #expect(error?.message.contains("has 1 stamps") == true)
        let zero = await ledgerError {
            try await fixture.ledger.useStamps(StampUse(member: fixture.phone(), stamps: 0), key: fixture.newKey())
        }
        #expect(zero?.code == .invalidAmount)
    }
}

@Suite struct ConversionTests {
    @Test func grantsRegardlessOfPurchaseAndRecordsWhoAndWhy() async throws {
        let fixture = try LedgerFixture()
        let result = try await fixture.ledger.convert(
            Conversion(member: fixture.phone(), points: 3_000, stamps: 2, reason: "paper card moved over", actor: "manager-1"),
            key: fixture.newKey())
        #expect(result.enrolled)
        #expect(result.transaction.type == .conversion)
        #expect(result.transaction.payment == 0)
        #expect(result.transaction.actor == "manager-1")
        #expect(result.transaction.reason == "paper card moved over")
        #expect(result.member.points == 3_000)
        #expect(result.member.stamps == 2)
    }

    @Test func refusesEmptyNegativeOrHugeGrantsAndBlankReasons() async throws {
        let fixture = try LedgerFixture()
        let cases: [(Conversion, LedgerError.Code)] = [
            (Conversion(member: fixture.phone(), reason: "nothing", actor: "m"), .invalidAmount),
            (Conversion(member: fixture.phone(), points: -5, reason: "negative", actor: "m"), .invalidAmount),
            (Conversion(member: fixture.phone(), points: 10_000_001, reason: "huge", actor: "m"), .amountTooLarge),
            (Conversion(member: fixture.phone(), points: 10, reason: "   ", actor: "m"), .invalidReason),
            (Conversion(member: fixture.phone(), points: 10, reason: "ok", actor: ""), .invalidReason),
        ]
        for (conversion, code) in cases {
            let error = await ledgerError { try await fixture.ledger.convert(conversion, key: fixture.newKey()) }
            #expect(error?.code == code)
        }
        #expect(try await fixture.rowCounts() == [0, 0, 0, 0, 0, 0])
    }
}
