import Crypto
import Foundation

/// Tamper evidence: each transaction's hash covers its fields and the previous transaction's hash,
/// so editing, inserting or deleting any row breaks every hash after it.
enum HashChain {
    static let genesis = String(repeating: "0", count: 64)

    struct Fields {
        var id: Int64
        var type: TransactionType
        var memberID: Int64
        var payment: Won
        var points: Points
        var stamps: Stamps
        var occurredAtMilliseconds: Int64
        var cancels: Int64?
        var actor: String?
        var reason: String?
        /// The coupon's terms, for a transaction about a coupon; older rows have none and hash as before.
        var coupon: CouponTerms? = nil
    }

    static func hash(_ fields: Fields, previous: String) -> String {
        // Length-prefixed text fields, so no choice of actor or reason can forge another row's bytes.
        func text(_ value: String?) -> String {
            guard let value else { return "-" }
            return "\(value.utf8.count):\(value)"
        }
        var canonical = [
            previous, String(fields.id), fields.type.rawValue, String(fields.memberID), String(fields.payment),
            String(fields.points), String(fields.stamps), String(fields.occurredAtMilliseconds),
            fields.cancels.map(String.init) ?? "-", text(fields.actor), text(fields.reason),
        ]
        if let coupon = fields.coupon {
            canonical += [
                "coupon", String(coupon.id), coupon.code, coupon.kind, String(coupon.value), text(coupon.description),
                coupon.expiresAtMilliseconds.map(String.init) ?? "-",
            ]
        }
        return hex(SHA256.hash(data: Data(canonical.joined(separator: "|").utf8)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
