import Foundation
import Loyalty

/// The JSON shape of a transaction, shared by the CLI's `--json` and the socket API.
struct TransactionView: Codable, Hashable, Sendable {
    var id: Int64
    var type: String
    var memberID: Int64
    var payment: Won
    var points: Points
    var stamps: Stamps
    var occurredAt: String
    var cancels: Int64?
    var cancelledBy: Int64?
    var actor: String?
    var reason: String?
    /// The code of the coupon a coupon transaction, or its cancellation, is about.
    var coupon: String?
    var syncID: String

    init(_ transaction: LedgerTransaction, timeZone: TimeZone) {
        id = transaction.id
        type = transaction.type.rawValue
        memberID = transaction.memberID
        payment = transaction.payment
        points = transaction.points
        stamps = transaction.stamps
        occurredAt = Timestamp.rfc3339(transaction.occurredAt, in: timeZone)
        cancels = transaction.cancels
        cancelledBy = transaction.cancelledBy
        actor = transaction.actor
        reason = transaction.reason
        coupon = transaction.coupon?.rawValue
        syncID = transaction.syncID.uuidString.lowercased()
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, memberID, payment, points, stamps, occurredAt, cancels, cancelledBy, actor, reason, coupon, syncID
    }

    /// Absent links are written as null, so every transaction has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(memberID, forKey: .memberID)
        try container.encode(payment, forKey: .payment)
        try container.encode(points, forKey: .points)
        try container.encode(stamps, forKey: .stamps)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(cancels, forKey: .cancels)
        try container.encode(cancelledBy, forKey: .cancelledBy)
        try container.encode(actor, forKey: .actor)
        try container.encode(reason, forKey: .reason)
        try container.encode(coupon, forKey: .coupon)
        try container.encode(syncID, forKey: .syncID)
    }
}

/// The JSON shape of a member; the phone is masked unless the caller may see it whole.
struct MemberView: Codable, Hashable, Sendable {
    var id: Int64
    var phone: String?
    var barcode: String?
    var points: Points
    var stamps: Stamps

    init(_ member: Member, unmasked: Bool) {
        id = member.id
        phone = member.phone.map { unmasked ? $0.digits : $0.masked }
        barcode = member.barcode
        points = member.points
        stamps = member.stamps
    }
}

struct OperationView: Codable, Hashable, Sendable {
    var transaction: TransactionView
    var member: MemberView
    var replayed: Bool
    var enrolled: Bool
    /// The coupons the operation issued, redeemed, gave back or voided, as they stand now.
    var coupons: [CouponView]

    init(_ result: OperationResult, timeZone: TimeZone, unmasked: Bool) {
        transaction = TransactionView(result.transaction, timeZone: timeZone)
        member = MemberView(result.member, unmasked: unmasked)
        replayed = result.replayed
        enrolled = result.enrolled
        coupons = result.coupons.map { CouponView($0, timeZone: timeZone) }
    }
}

struct HistoryEntryView: Codable, Hashable, Sendable {
    var transaction: TransactionView
    var phone: String?
    var barcode: String?

    init(_ entry: HistoryEntry, timeZone: TimeZone, unmasked: Bool) {
        transaction = TransactionView(entry.transaction, timeZone: timeZone)
        phone = entry.phone.map { unmasked ? $0.digits : $0.masked }
        barcode = entry.barcode
    }
}
