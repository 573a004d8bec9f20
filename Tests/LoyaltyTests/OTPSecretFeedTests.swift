import Foundation
import GRDB
import Testing
@testable import Loyalty

/// Pages of secrets from the central server on a real ledger file: the secrets and the cursor are saved in
/// one SQLite transaction, refused secrets are counted and audited without stopping the others.
@Suite struct OTPSecretFeedTests {
    let key = OTPKey.generate()
    let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    func secret(_ phone: String, store: String = LedgerFixture.storeID, secret: String? = nil) throws -> OTPFeedEntry {
        .secret(ImportedOTPSecret(storeID: store, member: .phone(try PhoneNumber(parsing: phone)), secret: secret ?? seed))
    }

    @Test func aPageIsImportedWithItsCursorAndRefusalsDoNotStopTheRest() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        let otp = fixture.otp(key: key)
        #expect(try await fixture.ledger.otpFeedState().cursor == nil)

        let page: [OTPFeedEntry] = [
            try secret("010-1234-5678"),
            try secret("010-2000-0002", store: "mapo-02"),
            try secret("010-2000-0003", secret: "not-base32!"),
            .unreadable(member: "none", code: "otp_no_member", reason: "names no member"),
            try secret("010-2000-0005"),
        ]
        let result = try await otp.importFeedPage(page, cursor: "5", caller: "sync from central")
        #expect(result.imported == 2)
        #expect(result.refusals.map(\.code) == ["otp_wrong_store", "otp_invalid_secret", "otp_no_member"])
        #expect(result.refusals.first?.member == "phone 010-****-0002", "the refused member is masked")
        #expect(try await fixture.count("member_otp") == 2)

        let state = try await fixture.ledger.otpFeedState()
        #expect(state.cursor == "5")
        #expect(state.imported == 2)
        #expect(state.refused == 3)
        #expect(state.lastRefusalCode == "otp_no_member")
        let audit = try await fixture.ledger.auditLog.page(AuditQuery()).entries
        #expect(audit.filter { $0.action == .otpImported }.count == 2)
        let refused = audit.filter { $0.action == .otpImportRefused }
        #expect(refused.count == 3)
        #expect(refused.allSatisfy { $0.caller == "sync from central" })
        #expect(refused.contains { $0.subject == "phone 010-****-0002" && $0.detail?.hasPrefix("otp_wrong_store: ") == true })
        #expect(!refused.contains { $0.detail?.contains("not-base32") == true }, "a refused secret is not kept")

        // The imported secret is the member's: the RFC 6238 seed's code at the fixture's clock is accepted.
        let code = TOTP.hotp(secret: Array("12345678901234567890".utf8), counter: 59_080_440, digits: 6, algorithm: .sha1)
        let accepted = try await otp.perform(fixture.attempt(code, .collectStamps(1)), key: fixture.newKey())
        #expect(accepted.member.stamps == 1)

        // An empty page keeps the cursor, also across a reopening of the ledger.
        _ = try await otp.importFeedPage([], cursor: nil, caller: "sync from central")
        try fixture.reopen()
        #expect(try await fixture.ledger.otpFeedState().cursor == "5")
        #expect(try await fixture.ledger.otpFeedState().imported == 2)
    }

    @Test func aPageThatFailsToCommitLeavesNeitherSecretsNorCursor() async throws {
        let fixture = try LedgerFixture()
        let otp = fixture.otp(key: key)
        _ = try await otp.importFeedPage([try secret("010-1234-5678")], cursor: "1", caller: "sync")
        // The second secret of the next page fails inside the transaction, after the first was written.
        try await fixture.ledger.database.pool.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER fail_second BEFORE INSERT ON member_otp
                WHEN (SELECT COUNT(*) FROM member_otp) >= 2 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END
                """)
        }
        let page = [try secret("010-2000-0002"), try secret("010-2000-0003"), try secret("010-2000-0004")]
        let failure = await ledgerError { try await otp.importFeedPage(page, cursor: "4", caller: "sync") }
        #expect(failure?.code == .storage)
        let state = try await fixture.ledger.otpFeedState()
        #expect(state.cursor == "1", "the page is fetched again from where the last one ended")
        #expect(state.imported == 1)
        #expect(try await fixture.count("member_otp") == 1)
        #expect(try await fixture.count("member") == 1, "nobody was enrolled by the failed page")
        #expect(try await fixture.ledger.auditLog.page(AuditQuery()).entries.filter { $0.action == .otpImported }.count == 1)
    }

    @Test func withoutAKeyNothingIsImported() async throws {
        let fixture = try LedgerFixture()
        let missing = await otpError { try await fixture.otp(key: nil).importFeedPage([try secret("010-1234-5678")], cursor: "1", caller: "sync") }
        #expect(missing?.code == .keyMissing)
        #expect(try await fixture.ledger.otpFeedState().cursor == nil)
    }
}
