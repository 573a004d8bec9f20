import Testing
@testable import Loyalty

@Suite struct StorePolicyTests {
    @Test func defaultsAreValid() throws {
        let policy = try StorePolicy().validated()
        #expect(policy.accrualRateBP == 100)
        #expect(policy.useUnit == 100)
    }

    @Test func accrualRoundsDown() throws {
        var policy = StorePolicy()
        policy.accrualRateBP = 150  // 1.5 %
        #expect(try policy.points(forPayment: 12_345) == 185)  // 185.175
        #expect(try policy.points(forPayment: 66) == 0)
    }

    @Test func stampsPerPurchaseOrPerWon() {
        var policy = StorePolicy()
        policy.stampMinPayment = 5_000
        #expect(policy.stamps(forPayment: 4_999) == 0)
        #expect(policy.stamps(forPayment: 5_000) == 1)
        #expect(policy.stamps(forPayment: 50_000) == 1)
        policy.stampEveryWon = 10_000
        #expect(policy.stamps(forPayment: 9_999) == 0)
        #expect(policy.stamps(forPayment: 35_000) == 3)
    }

    @Test func refusesNonsense() {
        var policy = StorePolicy()
        policy.useUnit = 0
        #expect(throws: LedgerError.self) { try policy.validated() }
        policy = StorePolicy()
        policy.accrualRateBP = 20_000
        #expect(throws: LedgerError.self) { try policy.validated() }
        policy = StorePolicy()
        policy.maxPayment = 0
        #expect(throws: LedgerError.self) { try policy.validated() }
    }

    @Test func overflowIsRefusedNotTrapped() {
        var policy = StorePolicy()
        policy.accrualRateBP = 10_000
        #expect(throws: LedgerError.self) { try policy.points(forPayment: .max) }
    }
}
