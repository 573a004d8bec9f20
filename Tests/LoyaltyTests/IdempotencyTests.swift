import Foundation
import Testing
@testable import Loyalty

@Suite struct IdempotencyTests {
    @Test func aRetriedRequestReturnsTheOriginalResultWithoutWriting() async throws {
        let fixture = try LedgerFixture()
        let key = try IdempotencyKey("pos-7-receipt-1042")
        let accrual = Accrual(member: fixture.phone(), payment: 20_000, actor: "pos-7")
        let first = try await fixture.ledger.accrue(accrual, key: key)
        let counts = try await fixture.rowCounts()
        fixture.clock.advance(by: 60)
        let retry = try await fixture.ledger.accrue(
            Accrual(member: fixture.phone("+82 10 1234 5678"), payment: 20_000, actor: "pos-7"), key: key)
        #expect(retry.replayed)
        #expect(!first.replayed)
        #expect(retry.transaction == first.transaction)
        #expect(retry.member == first.member)
        #expect(try await fixture.rowCounts() == counts)
    }

    @Test func theSameKeyForAnotherRequestIsAConflict() async throws {
        let fixture = try LedgerFixture()
        let key = try IdempotencyKey("k-1")
        try await fixture.ledger.accrue(Accrual(member: fixture.phone(), payment: 20_000), key: key)
        let counts = try await fixture.rowCounts()
        let other = await ledgerError {
            try await fixture.ledger.accrue(Accrual(member: fixture.phone(), payment: 20_001), key: key)
        }
        #expect(other?.code == .idempotencyConflict)
        let otherKind = await ledgerError {
            try await fixture.ledger.convert(
                Conversion(member: fixture.phone(), points: 1, reason: "r", actor: "m"), key: key)
        }
        #expect(otherKind?.code == .idempotencyConflict)
        #expect(try await fixture.rowCounts() == counts)
    }

    @Test func aRefusedRequestDoesNotUseUpItsKey() async throws {
        let fixture = try LedgerFixture()
        try await fixture.accrue(100_000)  // 1 000 points
        let key = try IdempotencyKey("use-1")
        let tooMany = await ledgerError {
            try await fixture.ledger.usePoints(PointUse(member: fixture.phone(), payment: 10_000, points: 2_000), key: key)
        }
        #expect(tooMany?.code == .insufficientPoints)
        let use = PointUse(member: fixture.phone(), payment: 10_000, points: 1_000)
        #expect(try await !fixture.ledger.usePoints(use, key: key).replayed)
        #expect(try await fixture.ledger.usePoints(use, key: key).replayed)
    }

    @Test(arguments: ["", "has space", String(repeating: "x", count: 129), "tab\tkey", "한글"])
    func refusesMalformedKeys(raw: String) {
        #expect(throws: LedgerError.self) { try IdempotencyKey(raw) }
    }

    @Test func concurrentRetriesCommitOnce() async throws {
        let fixture = try LedgerFixture()
        let key = try IdempotencyKey("same-receipt")
        let ledger = fixture.ledger
        let accrual = Accrual(member: fixture.phone(), payment: 10_000)
        let results = try await withThrowingTaskGroup(of: OperationResult.self) { group in
            for _ in 0..<8 { group.addTask { try await ledger.accrue(accrual, key: key) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { !$0.replayed }.count == 1)
        #expect(Set(results.map(\.transaction.id)).count == 1)
        #expect(try await fixture.count("ledger_transaction") == 1)
    }
}
