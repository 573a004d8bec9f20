import Foundation
import SyncWire
@testable import PosAgentCentral

/// A transaction for a test batch, by default of the member 010-1234-5678; `linked` gives it its seq and
/// its place in the chain.
func transaction(
    _ type: String, at occurredAt: String, phone: String? = "01012345678", barcode: String? = nil, payment: Int64 = 0,
    points: Int64 = 0, stamps: Int64 = 0, cancels: String? = nil, coupon: UploadedTransaction.Coupon? = nil
) -> UploadedTransaction {
    UploadedTransaction(
        id: UUID().uuidString.lowercased(), seq: 0, type: type, occurredAt: occurredAt,
        member: phone.map { .init(phone: $0) } ?? .init(barcode: barcode), payment: payment, points: points, stamps: stamps,
        cancels: cancels, actor: "pos", reason: nil, coupon: coupon, prevHash: "", hash: "")
}

/// `rows` numbered from `seq` and chained from `previous`, each hash standing for the agent's.
func linked(_ rows: [UploadedTransaction], from seq: Int64 = 1, previous: String = BatchIngest.genesis) -> [UploadedTransaction] {
    var previous = previous
    return rows.enumerated().map { index, row in
        var row = row
        row.seq = seq + Int64(index)
        row.prevHash = previous
        row.hash = StoreToken.sha256(of: "\(previous)|\(row.seq)")
        previous = row.hash
        return row
    }
}

/// A shop's chain of `count` accruals from seq `from`, linked from `previous`.
func chain(count: Int, from seq: Int64 = 1, previous: String = BatchIngest.genesis) -> [UploadedTransaction] {
    linked((0..<count).map { _ in
        transaction("accrual", at: "2026-03-02T10:00:00.000+09:00", payment: 1_000, points: 10, stamps: 1)
    }, from: seq, previous: previous)
}

/// Uploads `rows` as `store`'s batch through a real `serve` and expects every one accepted.
func uploadAccepted(_ rows: [UploadedTransaction], store: String, token: StoreToken, to serve: ServeProcess) async throws {
    let body = UploadBody(agent: .init(storeID: store, agentID: "pos-1", version: "0.1.0"), transactions: rows)
    let answer = try await serve.upload(body, store: store, token: token.text)
    let decoded = try JSONDecoder().decode(UploadAnswer.self, from: answer.body)
    guard answer.status == 200, decoded.accepted == rows.map(\.id) else {
        throw CentralError(.schema, "the test batch was not stored whole: \(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
    }
}
