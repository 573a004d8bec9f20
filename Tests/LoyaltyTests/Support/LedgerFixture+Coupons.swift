import Foundation
@testable import Loyalty

extension LedgerFixture {
    /// A ledger with stamp cards of 5 stamps worth 3,000 won, one stamp per 10,000 won paid, and
    /// reward coupons valid 30 days.
    static func withStampCards(size: Stamps = 5) throws -> LedgerFixture {
        var policy = StorePolicy()
        policy.stampCardSize = size
        policy.stampEveryWon = 10_000
        policy.stampCardReward = "free coffee"
        policy.stampCardRewardWon = 3_000
        policy.stampCouponValidDays = 30
        return try LedgerFixture(policy: policy)
    }

    @discardableResult
    func issueVoucher(_ value: Won = 5_000, phone text: String = "010-1234-5678", validUntil: StoreDay? = nil,
                      audit: AuditNote? = nil) async throws -> OperationResult {
        try await ledger.issueVoucher(
            Voucher(member: phone(text), value: value, reason: "late delivery", validUntil: validUntil, actor: "kim"),
            key: newKey(), audit: audit)
    }

    @discardableResult
    func redeem(_ code: CouponCode) async throws -> OperationResult {
        try await ledger.redeemCoupon(CouponRedemption(code: code, actor: "pos"), key: newKey())
    }

    @discardableResult
    func cancelRedemption(_ id: Int64) async throws -> OperationResult {
        try await ledger.cancelRedemption(Cancellation(transactionID: id, reason: "rung up twice", actor: "kim"), key: newKey())
    }

    func coupon(_ code: CouponCode) async throws -> Coupon? {
        try await ledger.coupon(code)
    }
}
