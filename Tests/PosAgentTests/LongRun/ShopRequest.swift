import Foundation

/// One request the POS sends, kept so that it can be sent again with the same Idempotency-Key when the
/// daemon died before answering it.
struct ShopRequest: Sendable {
    enum Act: Sendable {
        case accrual(payment: Int)
        case cancellation(of: Int)
        case redemption(code: String)
    }

    var act: Act
    var key: String

    var path: String {
        switch act {
        case .accrual: "/v1/accruals"
        case .cancellation(let id): "/v1/transactions/\(id)/cancel"
        case .redemption: "/v1/coupon-redemptions"
        }
    }

    var body: String {
        switch act {
        case .accrual(let payment):
            #"{"member":{"phone":"010-5\#(String(format: "%03d", payment / 10_000 % 1_000))-\#(String(format: "%04d", payment % 10_000))"},"payment":\#(payment)}"#
        case .cancellation: #"{"reason":"long run"}"#
        case .redemption(let code): #"{"code":"\#(code)"}"#
        }
    }

    func send(to daemon: DaemonHarness) async throws -> DaemonHarness.Reply {
        try await daemon.request("POST", path, body: body, key: key)
    }
}
