import Foundation
import SyncWire

/// One transaction as the upload body of docs/sync-protocol.md carries it, written straight to bytes:
/// through JSONEncoder, encoding took a third of the daemon's time draining a backlog. The outbox keeps
/// these bytes from the commit on (`outbox_upload`), so a drain only joins them (`pendingUploadBatch`).
extension OutboxItem {
    /// The transaction's JSON object.
    public func json(timeZone: TimeZone) -> [UInt8] {
        var json = JSONBytes(capacity: 512)
        write(to: &json, timeZone: timeZone)
        return json.bytes
    }

    /// Each literal carries the punctuation and the next key, so the bytes go in few appends. `cancels`,
    /// `actor` and `reason` are `null` when absent; `coupon` is left out for a transaction about none.
    public func write(to json: inout JSONBytes, timeZone: TimeZone) {
        json.raw(#"{"id":"#)
        json.string(id)
        json.raw(#","seq":"#)
        json.integer(seq)
        json.raw(#","type":"#)
        json.string(transaction.type.rawValue)
        json.raw(#","occurredAt":"#)
        json.timestamp(transaction.occurredAt, in: timeZone)
        if let phone {
            json.raw(#","member":{"phone":"#)
            json.string(phone.digits)
            json.raw(#"},"payment":"#)
        } else if let barcode {
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
        json.string(cancels)
        json.raw(#","actor":"#)
        json.string(transaction.actor)
        json.raw(#","reason":"#)
        json.string(transaction.reason)
        if let coupon {
            Self.write(coupon, to: &json, timeZone: timeZone)
        }
        json.raw(#","prevHash":"#)
        json.string(transaction.previousHash)
        json.raw(#","hash":"#)
        json.string(transaction.hash)
        json.raw("}")
    }

    /// `,"coupon":{…}`: the coupon's fixed terms; `expiresAt` is left out for a coupon that never expires.
    private static func write(_ coupon: Coupon, to json: inout JSONBytes, timeZone: TimeZone) {
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
