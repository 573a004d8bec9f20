import Foundation
import PostgresNIO
import SyncWire

/// The transactions to insert, column by column, as bound arrays for one `INSERT … SELECT FROM unnest(…)`:
/// PostgreSQL receives them in its binary form and parses no JSON. An array cannot hold NULL here, so each
/// column that may be absent has a companion of flags saying which of its elements are there.
struct TransactionColumns: Sendable {
    var ids: [String] = [], seqs: [Int64] = [], types: [String] = [], occurredAt: [String] = []
    var phones: [String] = [], hasPhone: [Bool] = [], barcodes: [String] = [], hasBarcode: [Bool] = []
    var payments: [Int64] = [], points: [Int64] = [], stamps: [Int64] = []
    var cancels: [String] = [], hasCancels: [Bool] = [], actors: [String] = [], hasActor: [Bool] = []
    var reasons: [String] = [], hasReason: [Bool] = [], coupons: [String] = [], hasCoupon: [Bool] = []
    var prevHashes: [String] = [], hashes: [String] = []

    init(_ transactions: [UploadedTransaction]) throws {
        let encoder = JSONEncoder()
        for transaction in transactions {
            ids.append(transaction.id)
            seqs.append(transaction.seq)
            types.append(transaction.type)
            occurredAt.append(transaction.occurredAt)
            // A member is known by phone, or by barcode only when there is no phone.
            Self.append(transaction.member.phone, to: &phones, &hasPhone)
            Self.append(transaction.member.phone == nil ? transaction.member.barcode : nil, to: &barcodes, &hasBarcode)
            payments.append(transaction.payment)
            points.append(transaction.points)
            stamps.append(transaction.stamps)
            Self.append(transaction.cancels, to: &cancels, &hasCancels)
            Self.append(transaction.actor, to: &actors, &hasActor)
            Self.append(transaction.reason, to: &reasons, &hasReason)
            Self.append(try transaction.coupon.map { String(decoding: try encoder.encode($0), as: UTF8.self) }, to: &coupons, &hasCoupon)
            prevHashes.append(transaction.prevHash)
            hashes.append(transaction.hash)
        }
    }

    private static func append(_ value: String?, to values: inout [String], _ present: inout [Bool]) {
        values.append(value ?? "")
        present.append(value != nil)
    }
}
