import Foundation
import Logging
import PostgresNIO
import SyncWire

/// Makes the one-time-code secret a member's authenticator app holds for one shop, and queues it in that
/// shop's secrets feed (`member_otp_secret`, delivered by `GET /v1/stores/{store}/otp-secrets`).
struct MemberOTPIssuer: Sendable {
    /// A secret just made: shown once, kept only in the feed for the shop's agent.
    struct Issued: Sendable {
        var seq: Int64
        var store: String
        var storeName: String
        /// The normalized digits; shown only masked.
        var phone: String
        var base32: String
        var replaced: Bool

        var maskedPhone: String { KoreanMobileNumber.masked(phone) }

        /// What the customer's app scans: the shop's name as issuer, the masked phone as the account.
        var uri: String { OTPAuthURI.make(base32: base32, issuer: storeName, account: maskedPhone) }
    }

    /// 160 bits, as RFC 4226 recommends and the agent makes its own (it takes 16 to 64 bytes).
    static let secretLength = 20

    let client: PostgresClient
    let logger: Logger

    /// Refuses a phone that is not a Korean mobile number, an unknown or revoked store, and a member who
    /// holds a secret at the store already unless `rotate`. The store's row is locked, so two issues for
    /// one member at once do not both make a first secret.
    func issue(phone text: String, store: String, rotate: Bool) async throws -> Issued {
        guard let phone = KoreanMobileNumber.normalized(text) else {
            throw CentralError(.invalidPhone, "'\(KoreanMobileNumber.redacted(text))' is not a Korean mobile number; "
                + "give 11 digits starting 010 (e.g. 010-1234-5678) or 10 digits starting 011, 016, 017, 018 or 019")
        }
        let secret = Self.makeSecret()
        let logger = self.logger
        return try await client.transaction(logger: logger) { connection in
            let name = try await Self.lockActiveStore(store, connection, logger: logger)
            let earlier = try await connection.query("""
                SELECT count(*)::bigint FROM member_otp_secret WHERE store_id = \(store) AND member_phone = \(phone)
                """, logger: logger)
            var held: Int64 = 0
            for try await count in earlier.decode(Int64.self) { held = count }
            if held > 0, !rotate {
                throw CentralError(.otpSecretExists, "member \(KoreanMobileNumber.masked(phone)) has a one-time-code secret for store \(store) already; "
                    + "pass --rotate to replace it (the app's old secret stops working once the shop's agent fetches the new one)")
            }
            let rows = try await connection.query("""
                INSERT INTO member_otp_secret (store_id, member_phone, secret) VALUES (\(store), \(phone), \(secret)) RETURNING seq
                """, logger: logger)
            for try await seq in rows.decode(Int64.self) {
                return Issued(seq: seq, store: store, storeName: name, phone: phone, base32: secret, replaced: held > 0)
            }
            throw CentralError(.schema, "the secret was not stored; run `posagent-central migrate` and try again")
        }
    }

    /// The store's name, with its row locked for the caller's transaction; an unknown or revoked store is refused.
    static func lockActiveStore(_ store: String, _ connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query("SELECT name, revoked_at FROM store WHERE id = \(store) FOR UPDATE", logger: logger)
        for try await (name, revoked) in rows.decode((String, Date?).self) {
            guard revoked == nil else {
                throw CentralError(.revokedStore, "store \(store) is revoked, so its agent fetches nothing; `store rotate-token \(store)` allows it again")
            }
            return name
        }
        throw CentralError(.unknownStore, "there is no store \(store); `store list` shows the stores, `store add` adds one")
    }

    /// 20 bytes from the system's random number generator, in Base32 as the feed carries it.
    static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base32.encode((0..<secretLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
