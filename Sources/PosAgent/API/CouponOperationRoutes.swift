import Foundation
import Hummingbird
import Loyalty

/// The coupon POST routes: a manager's voucher, a redemption (with the code, or scanned at the counter),
/// and a manager's cancellation of a redemption.
extension OperationRoutes {
    @Sendable func issueVoucher(_ request: Request, context: APIRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        let body = try await JSONBody.decode(VoucherBody.self, from: request, context: context)
        let caller = try await api.manager(request, context, for: "issuing a voucher")
        let unmasked = try await api.unmasked(request, caller)
        let validUntil = try body.validUntil.map { text throws(LedgerError) in try StoreDay(parsing: text) }
        let voucher = Voucher(member: try body.member.key(), value: body.value, reason: body.reason, validUntil: validUntil,
                              actor: caller.actor)
        let audit = AuditNote(.voucherIssued, manager: caller.manager?.id, caller: caller.account, detail: body.reason)
        return try await committed(try await ledger.issueVoucher(voucher, key: key, audit: audit), unmasked: unmasked)
    }

    @Sendable func redeemCoupon(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try await api.caller(context, needs: .cashier, for: "coupon redemption")
        let unmasked = try await api.unmasked(request, caller)
        let key = try idempotencyKey(request)
        let body = try await JSONBody.decode(RedemptionBody.self, from: request, context: context)
        let scanned = body.code == nil
        if scanned, let earlier = try await earlier(key, type: .couponRedemption, payment: 0) {
            return try respond(earlier, unmasked: unmasked)
        }
        let text: String
        if let code = body.code { text = code } else { text = try await api.desk.scanCoupon(title: TabletScreens.scanCouponTitle) }
        let result = try await afterPrompt(scanned) {
            try await ledger.redeemCoupon(CouponRedemption(code: try CouponCode(parsing: text), actor: caller.actor), key: key)
        }
        return try await committed(result, unmasked: unmasked)
    }

    @Sendable func cancelRedemption(_ request: Request, context: APIRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw Problem.badRequest("bad_transaction", "the redemption id in the path must be a whole number (the redemption's transaction id)")
        }
        let body = try await JSONBody.decode(CancelBody.self, from: request, context: context)
        let caller = try await api.manager(request, context, for: "cancelling a coupon's redemption")
        let unmasked = try await api.unmasked(request, caller)
        let cancellation = Cancellation(transactionID: id, reason: body.reason, actor: caller.actor)
        let audit = AuditNote(.cancellation, manager: caller.manager?.id, caller: caller.account, subject: "redemption \(id)",
                              detail: body.reason)
        return try await committed(try await ledger.cancelRedemption(cancellation, key: key, audit: audit), unmasked: unmasked)
    }
}
