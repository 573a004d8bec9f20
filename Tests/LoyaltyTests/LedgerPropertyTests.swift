import Foundation
import PropertyBased
import Testing
@testable import Loyalty

/// Random sequences of accruals, uses, conversions, cancellations, replays, clock moves and expiry runs,
/// with stamp cards filling into coupons, vouchers, redemptions and cancelled redemptions; after every
/// step the ledger must verify clean and a replayed request must change nothing.
@Suite struct LedgerPropertyTests {
    private typealias Call = @Sendable (IdempotencyKey) async throws -> OperationResult

    private struct Performed {
        var key: IdempotencyKey
        var call: Call
        var result: OperationResult
    }

    @Test func invariantsHoldAfterEveryStep() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int(Int32.max)).array(of: 5...35)) { steps in
            var policy = StorePolicy()
            policy.pointExpiryDays = 60
            policy.maxUseShareBP = 5_000
            policy.stampEveryWon = 20_000
            policy.stampCardSize = 4
            policy.stampCouponValidDays = 30
            let fixture = try LedgerFixture(policy: policy, durability: .normal)
            let ledger = fixture.ledger
            var performed: [Performed] = []
            for step in steps {
                try await self.run(step, on: fixture, ledger: ledger, performed: &performed)
                let report = try await ledger.verify()
                #expect(report.isClean, "after step \(step): \(report.issues)")
                if !report.isClean { return }
            }
        }
    }

    private func run(_ step: Int, on fixture: LedgerFixture, ledger: Ledger, performed: inout [Performed]) async throws {
        let phones = ["010-1000-0001", "010-1000-0002", "011-100-0003"]
        let member = fixture.phone(phones[(step / 9) % phones.count])
        let amount = Int64(step / 27)
        let call: Call
        switch step % 12 {
        case 0, 1:
            call = { key in try await ledger.accrue(Accrual(member: member, payment: amount % 300_001), key: key) }
        case 2:
            let use = PointUse(member: member, payment: 10_000 + amount % 100_000, points: (amount % 60) * 100)
            call = { key in try await ledger.usePoints(use, key: key) }
        case 3:
            call = { key in try await ledger.useStamps(StampUse(member: member, stamps: amount % 4), key: key) }
        case 4:
            let conversion = Conversion(member: member, points: amount % 5_000, stamps: amount % 3, reason: "goodwill", actor: "m1")
            call = { key in try await ledger.convert(conversion, key: key) }
        case 5:
            let count = try await fixture.count("ledger_transaction")
            let target = 1 + amount % Int64(count + 1)
            call = { key in try await ledger.cancel(Cancellation(transactionID: target, reason: "test", actor: "m1"), key: key) }
        case 6:
            guard !performed.isEmpty else { return }
            let earlier = performed[Int(amount) % performed.count]
            let before = try await fixture.rowCounts()
            let replay = try await earlier.call(earlier.key)
            #expect(replay.replayed)
            // The same transaction and balance as the first answer; only a later cancellation may show.
            var original = earlier.result.transaction
            original.cancelledBy = replay.transaction.cancelledBy
            #expect(replay.transaction == original)
            #expect(replay.member == earlier.result.member)
            #expect(replay.coupons.map(\.id) == earlier.result.coupons.map(\.id))
            #expect(try await fixture.rowCounts() == before)
            return
        case 7:
            fixture.clock.advance(by: TimeInterval(amount % 40) * 86_400)
            return
        case 8:
            _ = try await ledger.expire(now: fixture.clock.now())
            return
        case 9:
            let voucher = Voucher(member: member, value: 1 + amount % 10_000, reason: "goodwill", actor: "m1")
            call = { key in try await ledger.issueVoucher(voucher, key: key) }
        case 10:
            let coupons = try await ledger.coupons(CouponQuery(limit: 1_000)).coupons
            guard !coupons.isEmpty else { return }
            let redemption = CouponRedemption(code: coupons[Int(amount) % coupons.count].code)
            call = { key in try await ledger.redeemCoupon(redemption, key: key) }
        default:
            let redemptions = try await ledger.history(HistoryQuery(range: .all, types: [.couponRedemption], limit: 1_000)).entries
            guard !redemptions.isEmpty else { return }
            let target = redemptions[Int(amount) % redemptions.count].transaction.id
            call = { key in try await ledger.cancelRedemption(Cancellation(transactionID: target, reason: "test", actor: "m1"), key: key) }
        }
        let key = fixture.newKey()
        do {
            let result = try await call(key)
            #expect(result.member.points >= 0 && result.member.stamps >= 0)
            #expect(result.member.stamps < 4, "a full card never stays on the balance")
            performed.append(Performed(key: key, call: call, result: result))
        } catch is LedgerError {
            // Refusals are part of the sequence: what matters is that they leave the ledger consistent.
        }
    }
}
