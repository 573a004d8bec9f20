import Foundation
import Hummingbird
import Loyalty

/// The coupon GET routes: a list (by member and state) and one coupon by its code.
extension QueryRoutes {
    @Sendable func coupons(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "coupon lookup")
        let parameters = request.uri.queryParameters
        var query = CouponQuery()
        if let member = parameters.get("member") {
            query.member = try MemberKey(queryValue: member)
        }
        for name in parameters.getAll("state") {
            guard let state = CouponState(rawValue: name) else {
                throw Problem.badRequest("bad_state", "state is one of \(CouponState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.states.insert(state)
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit) else { throw Problem.badRequest("bad_limit", "limit must be a whole number from 1 to 1000") }
            query.limit = value
        }
        query.cursor = parameters.get("cursor")
        let page = try await ledger.coupons(query)
        struct Page: Encodable {
            var coupons: [CouponView]
            var nextCursor: String?
        }
        return try api.json(Page(coupons: page.coupons.map { CouponView($0, timeZone: api.timeZone) }, nextCursor: page.nextCursor))
    }

    @Sendable func coupon(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "coupon lookup")
        // The router hands path segments over as sent: `CP 4821-…` arrives as `CP%204821-…`.
        let segment = context.parameters.get("code") ?? ""
        let code = try CouponCode(parsing: segment.removingPercentEncoding ?? segment)
        guard let coupon = try await ledger.coupon(code) else {
            throw LedgerError(.couponNotFound, "no coupon has code \(code); check the code, or scan it again")
        }
        return try api.json(["coupon": CouponView(coupon, timeZone: api.timeZone)])
    }
}
