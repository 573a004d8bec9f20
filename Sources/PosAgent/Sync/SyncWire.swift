import Foundation
import Loyalty

/// The upload body of docs/sync-protocol.md.
struct UploadBatch: Encodable, Sendable {
    struct Agent: Encodable, Sendable {
        var storeId: String
        var agentId: String
        var version: String
    }

    struct Member: Encodable, Sendable {
        var phone: String?
        var barcode: String?
    }

    /// The coupon a coupon transaction (or the cancellation of one) is about: its fixed terms.
    struct Coupon: Encodable, Sendable {
        var code: String
        var kind: String
        var value: Int64
        var description: String
        var issuedAt: String
        var expiresAt: String?

        init(_ coupon: Loyalty.Coupon, timeZone: TimeZone) {
            code = coupon.code.rawValue
            kind = coupon.kind.rawValue
            value = coupon.value
            description = coupon.description
            issuedAt = Timestamp.rfc3339(coupon.issuedAt, in: timeZone)
            expiresAt = coupon.expiresAt.map { Timestamp.rfc3339($0, in: timeZone) }
        }
    }

    struct Transaction: Encodable, Sendable {
        var id: String
        var seq: Int64
        var type: String
        var occurredAt: String
        var member: Member
        var payment: Int64
        var points: Int64
        var stamps: Int64
        var cancels: String?
        var actor: String?
        var reason: String?
        var coupon: Coupon?
        var prevHash: String
        var hash: String

        init(_ item: OutboxItem, timeZone: TimeZone) {
            let transaction = item.transaction
            id = item.id
            seq = item.seq
            type = transaction.type.rawValue
            occurredAt = Timestamp.rfc3339(transaction.occurredAt, in: timeZone)
            member = Member(phone: item.phone?.digits, barcode: item.phone == nil ? item.barcode : nil)
            payment = transaction.payment
            points = transaction.points
            stamps = transaction.stamps
            cancels = item.cancels
            actor = transaction.actor
            reason = transaction.reason
            coupon = item.coupon.map { Coupon($0, timeZone: timeZone) }
            prevHash = transaction.previousHash
            hash = transaction.hash
        }
    }

    var agent: Agent
    var transactions: [Transaction]
}

/// The server's answer to a batch.
struct UploadAnswer: Decodable, Sendable {
    struct Rejection: Decodable, Sendable {
        var id: String
        var code: String
        var reason: String
    }

    var accepted: [String]
    var duplicates: [String]
    var rejected: [Rejection]
}
