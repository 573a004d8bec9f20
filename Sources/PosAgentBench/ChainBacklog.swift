import Foundation
import NIOCore
import SyncWire

/// The central benchmark's transactions: `count` accruals split over `stores` shops, each shop's a chain
/// from the genesis link as its agent would upload them, cut into batches of `batchSize`.
struct ChainBacklog: Sendable {
    struct Shop: Sendable {
        let id: String
        let transactions: [UploadedTransaction]
    }

    let shops: [Shop]
    let batchSize: Int

    init(count: Int, stores: Int, batchSize: Int) {
        self.batchSize = batchSize
        let perStore = count / stores
        shops = (0..<stores).map { store in
            var previous = String(repeating: "0", count: 64)
            let rows = (1...Int64(perStore)).map { seq -> UploadedTransaction in
                // A stand-in for the agent's hash: 64 lower-case hex digits unique to the shop and seq.
                let hash = String(format: "%032llx%032llx", UInt64(store + 1), UInt64(seq))
                defer { previous = hash }
                let day = 1 + Int(seq % 28)
                return UploadedTransaction(
                    id: UUID().uuidString.lowercased(), seq: seq, type: "accrual",
                    occurredAt: String(format: "2026-03-%02dT10:%02d:00.000+09:00", day, Int(seq % 60)),
                    member: .init(phone: String(format: "010%08d", 20_000_000 + Int(seq % 50_000))),
                    payment: 1_000 + seq % 500 * 100, points: 10 + seq % 500, stamps: 1, cancels: nil, actor: "pos",
                    reason: nil, coupon: nil, prevHash: previous, hash: hash)
            }
            return Shop(id: "bench-\(store + 1)", transactions: rows)
        }
    }

    var count: Int { shops.reduce(0) { $0 + $1.transactions.count } }

    func batches(of shop: Shop) -> [ArraySlice<UploadedTransaction>] {
        stride(from: 0, to: shop.transactions.count, by: batchSize).map {
            shop.transactions[$0..<min($0 + batchSize, shop.transactions.count)]
        }
    }

    /// The shop's upload bodies, encoded before anything is timed: what the agent's encoding costs is not the server's.
    func bodies(of shop: Shop) throws -> [ByteBuffer] {
        let encoder = JSONEncoder()
        return try batches(of: shop).map { batch in
            ByteBuffer(bytes: try encoder.encode(UploadBody(
                agent: .init(storeID: shop.id, agentID: "bench-pc", version: "bench"), transactions: Array(batch))))
        }
    }
}
