// Foundation only (MemberReference+Key.swift turns a reference into a ledger key), so the fuzz target links
// this file in. Encodable and Equatable so it checks that an accepted body, encoded again, reads the same.

/// How a request names a member: exactly one of phone, barcode or id; absent means "ask at the tablet".
struct MemberReference: Codable, Equatable, Sendable {
    var phone: String?
    var barcode: String?
    var id: Int64?

    static let fields: Set<String> = ["phone", "barcode", "id"]
}

struct IdentifyBody: StrictBody, Encodable, Equatable {
    var member: MemberReference?
    static let fields: Set<String> = ["member"]
    static let nested = ["member": MemberReference.fields]
}

struct AccrualBody: StrictBody, Encodable, Equatable {
    var member: MemberReference?
    var payment: Int64
    static let fields: Set<String> = ["member", "payment"]
    static let nested = ["member": MemberReference.fields]
}

struct PointUseBody: StrictBody, Encodable, Equatable {
    var member: MemberReference?
    var payment: Int64
    /// Absent: the customer types it on the tablet.
    var points: Int64?
    static let fields: Set<String> = ["member", "payment", "points"]
    static let nested = ["member": MemberReference.fields]
}

struct StampUseBody: StrictBody, Encodable, Equatable {
    var member: MemberReference?
    var stamps: Int64
    static let fields: Set<String> = ["member", "stamps"]
    static let nested = ["member": MemberReference.fields]
}

struct ConversionBody: StrictBody, Encodable, Equatable {
    var member: MemberReference
    var points: Int64?
    var stamps: Int64?
    var reason: String
    static let fields: Set<String> = ["member", "points", "stamps", "reason"]
    static let nested = ["member": MemberReference.fields]
}

struct CancelBody: StrictBody, Encodable, Equatable {
    var reason: String
    static let fields: Set<String> = ["reason"]
}

struct VoucherBody: StrictBody, Encodable, Equatable {
    var member: MemberReference
    var value: Int64
    var reason: String
    /// The last day it can be redeemed, YYYY-MM-DD in the store's time zone; absent: `voucher_valid_days`.
    var validUntil: String?
    static let fields: Set<String> = ["member", "value", "reason", "validUntil"]
    static let nested = ["member": MemberReference.fields]
}

struct RedemptionBody: StrictBody, Encodable, Equatable {
    /// Absent: the coupon is scanned at the counter.
    var code: String?
    static let fields: Set<String> = ["code"]
}
