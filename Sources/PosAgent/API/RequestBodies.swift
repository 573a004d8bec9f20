import Loyalty

/// How a request names a member: exactly one of phone, barcode or id; absent means "ask at the tablet".
struct MemberReference: Decodable, Sendable {
    var phone: String?
    var barcode: String?
    var id: Int64?

    static let fields: Set<String> = ["phone", "barcode", "id"]

    func key() throws -> MemberKey {
        switch (phone, barcode, id) {
        case (let phone?, nil, nil): return .phone(try PhoneNumber(parsing: phone))
        case (nil, let barcode?, nil): return .barcode(barcode)
        case (nil, nil, let id?): return .id(id)
        default:
            throw Problem.badRequest("bad_member", "member takes exactly one of phone, barcode or id; or leave it out to ask the customer at the tablet")
        }
    }
}

struct IdentifyBody: StrictBody {
    var member: MemberReference?
    static let fields: Set<String> = ["member"]
    static let nested = ["member": MemberReference.fields]
}

struct AccrualBody: StrictBody {
    var member: MemberReference?
    var payment: Int64
    static let fields: Set<String> = ["member", "payment"]
    static let nested = ["member": MemberReference.fields]
}

struct PointUseBody: StrictBody {
    var member: MemberReference?
    var payment: Int64
    /// Absent: the customer types it on the tablet.
    var points: Int64?
    static let fields: Set<String> = ["member", "payment", "points"]
    static let nested = ["member": MemberReference.fields]
}

struct StampUseBody: StrictBody {
    var member: MemberReference?
    var stamps: Int64
    static let fields: Set<String> = ["member", "stamps"]
    static let nested = ["member": MemberReference.fields]
}

struct ConversionBody: StrictBody {
    var member: MemberReference
    var points: Int64?
    var stamps: Int64?
    var reason: String
    static let fields: Set<String> = ["member", "points", "stamps", "reason"]
    static let nested = ["member": MemberReference.fields]
}

struct CancelBody: StrictBody {
    var reason: String
    static let fields: Set<String> = ["reason"]
}

struct VoucherBody: StrictBody {
    var member: MemberReference
    var value: Int64
    var reason: String
    /// The last day it can be redeemed, YYYY-MM-DD in the store's time zone; absent: `voucher_valid_days`.
    var validUntil: String?
    static let fields: Set<String> = ["member", "value", "reason", "validUntil"]
    static let nested = ["member": MemberReference.fields]
}

struct RedemptionBody: StrictBody {
    /// Absent: the coupon is scanned at the counter.
    var code: String?
    static let fields: Set<String> = ["code"]
}
