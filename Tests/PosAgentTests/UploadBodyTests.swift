import Foundation
import Loyalty
import NIOCore
import SyncWire
import Testing
@testable import PosAgent

/// The upload body is written by hand for speed, from the JSON the outbox stored at commit; it must
/// still be the JSON docs/sync-protocol.md describes.
@Suite struct UploadBodyTests {
    @Test func theBodyCarriesEachQueuedTransactionAsTheProtocolSays() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-body-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zone = try #require(TimeZone(identifier: "Asia/Seoul"))
        let ledger = try Ledger(database: try LedgerDatabase(path: directory.appendingPathComponent("l.sqlite").path), timeZone: zone)
        let first = try await ledger.accrue(
            Accrual(member: .phone(try PhoneNumber(parsing: "010-1234-5678")), payment: 12_000, actor: #"pos "front" \ 계산대 🧾"#),
            key: try IdempotencyKey("body-1"))
        _ = try await ledger.accrue(Accrual(member: .barcode("77000001"), payment: 5_000), key: try IdempotencyKey("body-2"))
        _ = try await ledger.cancel(Cancellation(transactionID: first.transaction.id, reason: #"반품: "wrong size" \o/"#, actor: "manager kim"),
                                key: try IdempotencyKey("body-3"))
        let items = try await ledger.pendingUploads(limit: 10)
        try #require(items.count == 3)
        let batch = try #require(try await ledger.pendingUploadBatch(limit: 10))

        let agent = UploadAgent(storeID: "gangnam-01", agentID: "pos \"1\"", version: "0.1.0")
        let bytes = UploadBodyBytes.encode(batch, opening: UploadBodyBytes.opening(agent))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any])
        #expect(body["agent"] as? [String: String] == ["storeId": "gangnam-01", "agentId": "pos \"1\"", "version": "0.1.0"])
        let sent = try #require(body["transactions"] as? [[String: Any]])
        #expect(sent.count == 3)
        for (item, json) in zip(items, sent) {
            let transaction = item.transaction
            #expect(json["id"] as? String == item.id)
            #expect(json["seq"] as? Int == Int(item.seq))
            #expect(json["type"] as? String == transaction.type.rawValue)
            #expect(json["occurredAt"] as? String == Timestamp.rfc3339(transaction.occurredAt, in: zone))
            #expect(json["payment"] as? Int == Int(transaction.payment))
            #expect(json["points"] as? Int == Int(transaction.points))
            #expect(json["stamps"] as? Int == Int(transaction.stamps))
            #expect(json["prevHash"] as? String == transaction.previousHash)
            #expect(json["hash"] as? String == transaction.hash)
            #expect(json["actor"] as? String == transaction.actor || (transaction.actor == nil && json["actor"] is NSNull))
            #expect(json["reason"] as? String == transaction.reason || (transaction.reason == nil && json["reason"] is NSNull))
        }
        #expect(sent[0]["actor"] as? String == #"pos "front" \ 계산대 🧾"#)
        #expect(sent[0]["member"] as? [String: String] == ["phone": "01012345678"])
        #expect(sent[0]["cancels"] is NSNull)
        #expect(sent[1]["member"] as? [String: String] == ["barcode": "77000001"])
        #expect(sent[2]["type"] as? String == "cancellation")
        #expect(sent[2]["cancels"] as? String == items[0].id)
        #expect(sent[2]["reason"] as? String == #"반품: "wrong size" \o/"#)
        #expect(sent[2]["points"] as? Int == -Int(items[0].transaction.points))
        try expectTheSharedType(bytes, agent: agent, items: items, zone: zone)
    }

    /// A coupon's terms go as main's Codable encoding wrote them: an object before `prevHash`, `expiresAt`
    /// left out when the coupon never expires, no `coupon` key on a transaction about none.
    @Test func aCouponTravelsWithItsTerms() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-body-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zone = try #require(TimeZone(identifier: "Asia/Seoul"))
        let ledger = try Ledger(database: try LedgerDatabase(path: directory.appendingPathComponent("l.sqlite").path), timeZone: zone)
        let phone = MemberKey.phone(try PhoneNumber(parsing: "010-1234-5678"))
        _ = try await ledger.accrue(Accrual(member: phone, payment: 12_000), key: try IdempotencyKey("coupon-1"))
        _ = try await ledger.issueVoucher(Voucher(member: phone, value: 4_500, reason: #"늦은 배달 "sorry" / \ 🎁"#, actor: "kim"),
                                          key: try IdempotencyKey("coupon-2"))
        let items = try await ledger.pendingUploads(limit: 10)
        try #require(items.count == 2)
        let coupon = try #require(items[1].coupon)
        var forever = items[1]
        forever.coupon?.expiresAt = nil
        let batch = items + [forever]

        let agent = UploadAgent(storeID: "gangnam-01", agentID: "pos-1", version: "0.1.0")
        var waiting = try #require(try await ledger.pendingUploadBatch(limit: 10))
        waiting.json += Array(",".utf8) + forever.json(timeZone: zone)
        let bytes = UploadBodyBytes.encode(waiting, opening: UploadBodyBytes.opening(agent))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any])
        let sent = try #require(body["transactions"] as? [[String: Any]])
        try #require(sent.count == 3)
        #expect(sent[0]["coupon"] == nil)
        #expect(sent[1]["type"] as? String == "coupon_issue")
        for (item, json) in zip(batch.dropFirst(), sent.dropFirst()) {
            let expected = try JSONSerialization.jsonObject(
                with: try JSONEncoder().encode(UploadedTransaction.Coupon(try #require(item.coupon), timeZone: zone))) as? NSDictionary
            #expect(json["coupon"] as? NSDictionary == expected)
        }
        #expect((sent[1]["coupon"] as? [String: Any])?["description"] as? String == #"늦은 배달 "sorry" / \ 🎁"#)
        #expect((sent[1]["coupon"] as? [String: Any])?["code"] as? String == coupon.code.rawValue)
        #expect((sent[2]["coupon"] as? [String: Any])?.keys.contains("expiresAt") == false)
        // The key order of the protocol's example: the coupon right before prevHash.
        let text = String(decoding: bytes.readableBytesView, as: UTF8.self)
        let expiry = Timestamp.rfc3339(try #require(coupon.expiresAt), in: zone)
        #expect(text.contains(#""expiresAt":"\#(expiry)"},"prevHash":"#))
        try expectTheSharedType(bytes, agent: agent, items: batch, zone: zone)
    }

    /// The central server reads the body as `SyncWire.UploadBody`: the bytes decode as it, and what it
    /// encodes is the same JSON, key for key, `null` for null.
    private func expectTheSharedType(_ bytes: ByteBuffer, agent: UploadAgent, items: [OutboxItem], zone: TimeZone) throws {
        let data = Data(bytes.readableBytesView)
        let expected = UploadBody(agent: agent, transactions: items.map { UploadedTransaction($0, timeZone: zone) })
        #expect(try JSONDecoder().decode(UploadBody.self, from: data) == expected)
        let sent = try JSONSerialization.jsonObject(with: data) as? NSDictionary
        let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(expected)) as? NSDictionary
        #expect(sent != nil && sent == encoded)
    }

    @Test func everyCharacterSurvivesAsAJSONString() throws {
        let text = String(decoding: Array(0..<0x80 as Range<UInt8>), as: UTF8.self) + "é 한글 \u{2028} 🎉"
        var json = JSONBytes(capacity: 0)
        json.raw("[")
        json.string(text)
        json.raw(",")
        json.string(nil)
        json.raw("]")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [Any])
        #expect(parsed.first as? String == text)
        #expect(parsed.last is NSNull)
    }

    /// The arithmetic civil date agrees with Calendar's, across offsets, daylight saving and centuries.
    @Test func timestampsAgreeWithTheCalendar() throws {
        let zones = ["Asia/Seoul", "UTC", "America/New_York", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"]
            .compactMap(TimeZone.init(identifier:))
        try #require(zones.count == 6)
        var generator = SplitMix(seed: 6)
        // 1901 to 2199, in whole milliseconds like the ledger's, plus the edges of a day and a leap day.
        var instants = (0..<4_000).map { _ in Int64(generator.next() % 9_435_456_000_000) - 2_177_452_800_000 }
        instants += [0, -1, 951_782_399_999, 951_782_400_000, 1_772_409_599_999, 1_772_409_600_000]
        for zone in zones {
            for milliseconds in instants {
                let date = Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
                #expect(Timestamp.rfc3339(date, in: zone) == calendarTimestamp(date, in: zone), "\(milliseconds) in \(zone.identifier)")
            }
        }
    }

    /// The formatting Timestamp had before it did its own arithmetic.
    private func calendarTimestamp(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        let offset = zone.secondsFromGMT(for: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):"
            + "\(pad(parts.second, 2)).\(pad((milliseconds + 1000) % 1000, 3))"
            + "\(offset < 0 ? "-" : "+")\(pad(abs(offset) / 3600, 2)):\(pad(abs(offset) % 3600 / 60, 2))"
    }
}

extension UploadedTransaction {
    /// What the outbox row says, field by field from the ledger, not from the stored bytes.
    init(_ item: OutboxItem, timeZone: TimeZone) {
        let transaction = item.transaction
        self.init(
            id: item.id, seq: item.seq, type: transaction.type.rawValue,
            occurredAt: Timestamp.rfc3339(transaction.occurredAt, in: timeZone),
            member: Member(phone: item.phone?.digits, barcode: item.phone == nil ? item.barcode : nil),
            payment: transaction.payment, points: transaction.points, stamps: transaction.stamps,
            cancels: item.cancels, actor: transaction.actor, reason: transaction.reason,
            coupon: item.coupon.map { Coupon($0, timeZone: timeZone) },
            prevHash: transaction.previousHash, hash: transaction.hash)
    }
}

extension UploadedTransaction.Coupon {
    init(_ coupon: Loyalty.Coupon, timeZone: TimeZone) {
        self.init(
            code: coupon.code.rawValue, kind: coupon.kind.rawValue, value: coupon.value, description: coupon.description,
            issuedAt: Timestamp.rfc3339(coupon.issuedAt, in: timeZone),
            expiresAt: coupon.expiresAt.map { Timestamp.rfc3339($0, in: timeZone) })
    }
}
