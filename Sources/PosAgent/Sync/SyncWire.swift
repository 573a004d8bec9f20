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
