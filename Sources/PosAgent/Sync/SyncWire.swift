import Foundation
import Loyalty

/// Who uploads: the `agent` object of every batch.
struct UploadAgent: Sendable {
    var storeID: String
    var agentID: String
    var version: String
}

/// The upload body of docs/sync-protocol.md, written straight to bytes: through JSONEncoder, encoding
/// took a third of the daemon's time draining a backlog (`posagent-bench sync`).
enum UploadBody {
    static func encode(_ items: [OutboxItem], agent: UploadAgent, timeZone: TimeZone) -> [UInt8] {
        var json = JSONBytes(capacity: 128 + items.count * 480)
        json.raw(#"{"agent":{"storeId":"#)
        json.string(agent.storeID)
        json.raw(#","agentId":"#)
        json.string(agent.agentID)
        json.raw(#","version":"#)
        json.string(agent.version)
        json.raw(#"},"transactions":["#)
        for (index, item) in items.enumerated() {
            if index > 0 { json.raw(",") }
            write(item, timeZone: timeZone, to: &json)
        }
        json.raw("]}")
        return json.bytes
    }

    /// One transaction; each literal carries the punctuation and the next key, so the bytes go in few appends.
    private static func write(_ item: OutboxItem, timeZone: TimeZone, to json: inout JSONBytes) {
        let transaction = item.transaction
        json.raw(#"{"id":"#)
        json.string(item.id)
        json.raw(#","seq":"#)
        json.integer(item.seq)
        json.raw(#","type":"#)
        json.string(transaction.type.rawValue)
        json.raw(#","occurredAt":"#)
        json.timestamp(transaction.occurredAt, in: timeZone)
        if let phone = item.phone {
            json.raw(#","member":{"phone":"#)
            json.string(phone.digits)
            json.raw(#"},"payment":"#)
        } else if let barcode = item.barcode {
            json.raw(#","member":{"barcode":"#)
            json.string(barcode)
            json.raw(#"},"payment":"#)
        } else {
            json.raw(#","member":{},"payment":"#)
        }
        json.integer(transaction.payment)
        json.raw(#","points":"#)
        json.integer(transaction.points)
        json.raw(#","stamps":"#)
        json.integer(transaction.stamps)
        json.raw(#","cancels":"#)
        json.string(item.cancels)
        json.raw(#","actor":"#)
        json.string(transaction.actor)
        json.raw(#","reason":"#)
        json.string(transaction.reason)
        if let coupon = item.coupon {
            write(coupon, timeZone: timeZone, to: &json)
        }
        json.raw(#","prevHash":"#)
        json.string(transaction.previousHash)
        json.raw(#","hash":"#)
        json.string(transaction.hash)
        json.raw("}")
    }
}

extension UploadBody {
    /// `,"coupon":{…}`: the coupon's fixed terms; `expiresAt` is left out for a coupon that never expires.
    private static func write(_ coupon: Coupon, timeZone: TimeZone, to json: inout JSONBytes) {
        json.raw(#","coupon":{"code":"#)
        json.string(coupon.code.rawValue)
        json.raw(#","kind":"#)
        json.string(coupon.kind.rawValue)
        json.raw(#","value":"#)
        json.integer(coupon.value)
        json.raw(#","description":"#)
        json.string(coupon.description)
        json.raw(#","issuedAt":"#)
        json.timestamp(coupon.issuedAt, in: timeZone)
        if let expiresAt = coupon.expiresAt {
            json.raw(#","expiresAt":"#)
            json.timestamp(expiresAt, in: timeZone)
        }
        json.raw("}")
    }
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
