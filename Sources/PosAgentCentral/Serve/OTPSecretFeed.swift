import Logging
import PostgresNIO
import SyncWire

/// A shop's page of members' one-time-code secrets after a cursor (docs/sync-protocol.md): the cursor is
/// the last `seq` delivered, in decimal.
struct OTPSecretFeed: Sendable {
    let client: PostgresClient
    let logger: Logger

    func page(store: String, after: Int64, limit: Int) async throws -> OTPSecretPage {
        let rows = try await client.query("""
            SELECT seq, member_phone, member_barcode, secret, algorithm, digits, period FROM member_otp_secret
            WHERE store_id = \(store) AND seq > \(after) ORDER BY seq LIMIT \(limit + 1)
            """, logger: logger)
        var secrets: [OTPSecretPage.Secret] = []
        for try await (seq, phone, barcode, secret, algorithm, digits, period)
            in rows.decode((Int64, String?, String?, String, String, Int, Int).self) {
            secrets.append(.init(seq: seq, storeId: store, member: .init(phone: phone, barcode: barcode), secret: secret,
                                 algorithm: algorithm, digits: digits, period: period))
        }
        guard secrets.count > limit else { return OTPSecretPage(secrets: secrets, nextCursor: nil) }
        secrets.removeLast()
        return OTPSecretPage(secrets: secrets, nextCursor: secrets.last.map { String($0.seq) })
    }
}
