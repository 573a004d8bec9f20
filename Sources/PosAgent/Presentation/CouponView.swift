import Foundation
import Loyalty

/// The JSON shape of a coupon, shared by the CLI's `--json` and the socket API.
struct CouponView: Codable, Hashable, Sendable {
    var id: Int64
    var code: String
    var memberID: Int64
    /// `stamp_card` or `voucher`.
    var kind: String
    var value: Won
    var description: String
    /// `issued`, `redeemed`, `expired` or `void`, as of now.
    var state: String
    var issuedAt: String
    var expiresAt: String?
    /// The transaction that issued it.
    var issuedBy: Int64
    /// The redemption that holds it, while it is redeemed: what a cancelled redemption names.
    var redeemedBy: Int64?

    init(_ coupon: Coupon, timeZone: TimeZone) {
        id = coupon.id
        code = coupon.code.rawValue
        memberID = coupon.memberID
        kind = coupon.kind.rawValue
        value = coupon.value
        description = coupon.description
        state = coupon.state.rawValue
        issuedAt = Timestamp.rfc3339(coupon.issuedAt, in: timeZone)
        expiresAt = coupon.expiresAt.map { Timestamp.rfc3339($0, in: timeZone) }
        issuedBy = coupon.issuedBy
        redeemedBy = coupon.redeemedBy
    }

    private enum CodingKeys: String, CodingKey {
        case id, code, memberID, kind, value, description, state, issuedAt, expiresAt, issuedBy, redeemedBy
    }

    /// Absent times and links are written as null, so every coupon has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(code, forKey: .code)
        try container.encode(memberID, forKey: .memberID)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
        try container.encode(description, forKey: .description)
        try container.encode(state, forKey: .state)
        try container.encode(issuedAt, forKey: .issuedAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(issuedBy, forKey: .issuedBy)
        try container.encode(redeemedBy, forKey: .redeemedBy)
    }
}
