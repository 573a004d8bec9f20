import Foundation
import SyncWire
import Testing
@testable import PosAgentCentral

/// serve reads an upload with `JSONScanner`, not `JSONDecoder`: what the agent's encoder writes must read back
/// as the same transactions, and a transaction of another shape is one unreadable row, never a failed batch.
struct IncomingBatchTests {
    private func read(_ text: String) throws -> IncomingBatch {
        try Array(text.utf8).withUnsafeBytes { bytes throws(JSONScanner.Failure) in try IncomingBatch(json: bytes) }
    }

    private func body(_ rows: [String]) -> String {
        #"{"agent":{"storeId":"s1","agentId":"pos-1","version":"0.1.0"},"transactions":[\#(rows.joined(separator: ","))]}"#
    }

    /// One good row as the agent writes it, with `replacing` swapped into its text.
    private func row(_ replacing: (String, String)? = nil) throws -> String {
        var text = String(decoding: try JSONEncoder().encode(chain(count: 1)[0]), as: UTF8.self)
        if let (old, new) = replacing {
            #expect(text.contains(old), "the row has \(old): \(text)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    private func reason(_ row: IncomingBatch.Row) -> String? {
        if case .unreadable(_, _, let reason) = row { reason } else { nil }
    }

    @Test func whatTheAgentsEncoderWritesReadsBackAsTheSameTransactions() throws {
        let coupon = UploadedTransaction.Coupon(code: "CP-7", kind: "amount", value: 3_000, description: "열 번째 \"도장\" \\ 쿠폰 😀",
                                                issuedAt: "2026-03-02T10:00:00.000+09:00", expiresAt: nil)
        var rows = linked([
            transaction("accrual", at: "2026-03-02T10:00:00.000+09:00", payment: 12_000, points: 120, stamps: 1),
            transaction("point_use", at: "2026-03-02T10:01:00.000+09:00", points: -9_223_372_036_854_775_807),
            transaction("coupon_issue", at: "2026-03-02T10:02:00.000+09:00", phone: nil, barcode: "CARD-77", coupon: coupon),
            transaction("cancellation", at: "2026-03-02T10:03:00.000+09:00", cancels: UUID().uuidString.lowercased()),
        ])
        rows[1].reason = "line\nbreak\ttab \u{1F} control"
        rows[2].actor = nil
        let body = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: rows)
        let batch = try Array(try JSONEncoder().encode(body)).withUnsafeBytes { bytes throws(JSONScanner.Failure) in try IncomingBatch(json: bytes) }
        #expect(batch.agent == body.agent)
        let read = batch.transactions.compactMap { row -> UploadedTransaction? in if case .readable(let t) = row { t } else { nil } }
        #expect(read == rows)
    }

    @Test func aRowOfAnotherShapeIsUnreadableAloneWithItsIdAndSeq() throws {
        let missing = try row((#""seq":1,"#, ""))
        let wrongType = try row((#""payment":1000"#, #""payment":"1000""#))
        let fraction = try row((#""payment":1000"#, #""payment":1000.5"#))
        let twice = try row((#""points":10"#, #""points":10,"points":11"#))
        let nullMember = try row((#""member":{"phone":"01012345678"}"#, #""member":null"#))
        let badCoupon = try row((#""member""#, #""coupon":{"code":"CP-1"},"member""#))
        let batch = try read(body([missing, wrongType, "42", fraction, twice, nullMember, badCoupon, try row()]))
        #expect(batch.transactions.count == 8)
        #expect(reason(batch.transactions[0])?.hasSuffix(": seq is missing") == true, "\(batch.transactions[0])")
        #expect(reason(batch.transactions[1])?.hasSuffix(": payment has the wrong type") == true)
        #expect(reason(batch.transactions[2])?.hasSuffix(": the transaction is not an object") == true)
        #expect(reason(batch.transactions[3])?.hasSuffix(": payment has the wrong type") == true)
        #expect(reason(batch.transactions[4])?.hasSuffix(": points is named twice") == true)
        #expect(reason(batch.transactions[5])?.hasSuffix(": member has the wrong type") == true)
        #expect(reason(batch.transactions[6])?.hasSuffix(": coupon.kind is missing") == true)
        guard case .unreadable(let id?, let seq?, _) = batch.transactions[1] else {
            Issue.record("a row that names its id and seq is rejected by them: \(batch.transactions[1])")
            return
        }
        #expect(id.count == 36 && seq == 1)
        guard case .readable = batch.transactions[7] else {
            Issue.record("the good row after them is read: \(batch.transactions[7])")
            return
        }
    }

    /// Keys are matched by their bytes where they are written plainly; a key written with escapes is the key
    /// it spells, as `JSONDecoder` reads it, and a key the reader does not know is skipped, or refused twice.
    @Test func aKeyIsTheKeyItSpellsHoweverItIsWritten() throws {
        let escaped = try row((#""prevHash""#, #""prev\u0048ash""#))
        let spaced = try row((#""seq":1"#, #""seq" :  1"#))
        let escapedTwice = try row((#""points":10"#, #""points":10,"p\u006fints":11"#))
        let unknown = try row((#""points":10"#, #""points":10,"note":{"a":[1]},"\u00e9":"x""#))
        let unknownTwice = try row((#""points":10"#, #""points":10,"note":1,"note":2"#))
        let memberTwice = try row((#""phone":"01012345678""#, #""phone":"01012345678","phone":null"#))
        let batch = try read(body([escaped, spaced, escapedTwice, unknown, unknownTwice, memberTwice]))
        let readable = batch.transactions.compactMap { row -> UploadedTransaction? in if case .readable(let t) = row { t } else { nil } }
        let good = chain(count: 1)[0]
        #expect(readable.count == 3 && readable.allSatisfy { $0.prevHash == good.prevHash && $0.seq == 1 && $0.points == 10 })
        #expect(reason(batch.transactions[2])?.hasSuffix(": points is named twice") == true, "\(batch.transactions[2])")
        #expect(reason(batch.transactions[4])?.hasSuffix(": note is named twice") == true, "\(batch.transactions[4])")
        #expect(reason(batch.transactions[5])?.hasSuffix(": member.phone is named twice") == true, "\(batch.transactions[5])")
    }

    @Test func nullStandsForAnAbsentMemberWhereOneMayBeAbsent() throws {
        let batch = try read(body([try row((#""actor":"pos""#, #""actor":null,"coupon":null"#))]))
        guard case .readable(let transaction) = batch.transactions.first else {
            Issue.record("\(batch.transactions)")
            return
        }
        #expect(transaction.actor == nil && transaction.coupon == nil)
    }

    @Test(arguments: [
        "", "[]", #"{"agent":{"storeId":"s1","agentId":"a","version":"1"}}"#,
        #"{"transactions":[]}"#, #"{"agent":{"storeId":"s1"},"transactions":[]}"#,
        #"{"agent":{"storeId":"s1","agentId":"a","version":"1"},"transactions":[{"id":"x",}]}"#,
        #"{"agent":{"storeId":"s1","agentId":"a","version":"1"},"transactions":[],"transactions":[]}"#,
        #"{"agent":{"storeId":"s1","agentId":"a","version":"1"},"transactions":[]} trailing"#,
        // Which store a batch is for is never left to which of two storeIds a reader keeps.
        #"{"agent":{"storeId":"s2","agentId":"a","version":"1","storeId":"s1"},"transactions":[]}"#,
        #"{"agent":{"storeId":"s1","agentId":"a","agentId":"b","version":"1"},"transactions":[]}"#,
    ])
    func aBodyThatIsNoUploadIsRefusedWhole(_ text: String) {
        #expect(throws: JSONScanner.Failure.self) { try read(text) }
    }
}
