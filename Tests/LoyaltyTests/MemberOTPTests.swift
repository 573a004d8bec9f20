import Foundation
import GRDB
import Testing
@testable import Loyalty

/// Members' one-time codes on a real ledger file with a manual clock: enrollment, the acts a code
/// performs, the window, replay, the rate limit, the store binding and the secrets at rest.
@Suite struct MemberOTPTests {
    let key = OTPKey.generate()

    /// A ledger with managers kim and lee and the member 010-1234-5678 enrolled; the secret they got.
    func enrolled(_ fixture: LedgerFixture? = nil) async throws -> (LedgerFixture, OTPSecret) {
        let fixture = try fixture ?? LedgerFixture()
        try await fixture.registerKimAndLee()
        let enrollment = try await fixture.otp(key: key).enroll(fixture.phone(), key: fixture.newKey(), approval: LedgerFixture.approval)
        return (fixture, enrollment.secret)
    }

    @Test func aRightCodeApprovedByAManagerPerformsEachAct() async throws {
        let (fixture, secret) = try await enrolled()
        let otp = fixture.otp(key: key)

        let collected = try await otp.perform(fixture.attempt(fixture.code(secret), .collectStamps(3)), key: fixture.newKey())
        #expect(collected.transaction.type == .conversion)
        #expect(collected.transaction.stamps == 3)
        #expect(collected.transaction.actor == "kim (manager PIN, uid 1000)")
        #expect(collected.transaction.reason == "one-time code: collect 3 stamps")
        #expect(collected.member.stamps == 3)

        fixture.clock.advance(by: 30)
        let cancelled = try await otp.perform(fixture.attempt(fixture.code(secret), .cancelStamps(1)), key: fixture.newKey())
        #expect(cancelled.transaction.type == .stampUse)
        #expect(cancelled.transaction.stamps == -1)
        #expect(cancelled.transaction.reason == "one-time code: cancel 1 stamp")
        #expect(cancelled.member.stamps == 2)

        fixture.clock.advance(by: 30)
        let accrued = try await otp.perform(fixture.attempt(fixture.code(secret), .accruePoints(payment: 12_000)), key: fixture.newKey())
        #expect(accrued.transaction.type == .accrual)
        #expect(accrued.transaction.payment == 12_000)
        #expect(accrued.transaction.points == 120)
        #expect(accrued.member.points == 120)
        #expect(accrued.member.stamps == 3)

        #expect(try await fixture.auditActions() == ["manager_added", "manager_added", "otp_enrolled", "otp_action", "otp_action", "otp_action"])
        let page = try await fixture.ledger.auditLog.page(AuditQuery(limit: 1))
        #expect(page.entries.first?.transactionID == accrued.transaction.id)
        #expect(page.entries.first?.manager == "kim")
        #expect(page.entries.first?.detail == "accrue points for a payment of 12000 won")
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func theStepBeforeAndAfterAreAcceptedButNotTwoAway() async throws {
        let (fixture, secret) = try await enrolled()
        let otp = fixture.otp(key: key)
        for offset in [-60.0, 60.0] {
            let error = await otpError { try await otp.perform(fixture.attempt(fixture.code(secret, offset: offset), .collectStamps(1)), key: fixture.newKey()) }
            #expect(error?.code == .invalid, "\(offset) s away")
        }
        let before = try await otp.perform(fixture.attempt(fixture.code(secret, offset: -30), .collectStamps(1)), key: fixture.newKey())
        #expect(before.member.stamps == 1)
        let after = try await otp.perform(fixture.attempt(fixture.code(secret, offset: 30), .collectStamps(1)), key: fixture.newKey())
        #expect(after.member.stamps == 2)
    }

    @Test func aCodeIsAcceptedOnceAndNoEarlierOneAfterIt() async throws {
        let (fixture, secret) = try await enrolled()
        let otp = fixture.otp(key: key)
        let code = fixture.code(secret)
        let request = fixture.attempt(code, .collectStamps(2))
        let idempotency = fixture.newKey()
        let first = try await otp.perform(request, key: idempotency)

        // The same request retried with its key is answered, not performed again, and costs no attempt.
        let retried = try await otp.perform(request, key: idempotency)
        #expect(retried.replayed)
        #expect(retried.transaction.id == first.transaction.id)

        let replay = await otpError { try await otp.perform(request, key: fixture.newKey()) }
        #expect(replay?.code == .replayed)
        #expect(replay?.remainingAttempts == 3, "two codes tried so far, the use and the replay; the retry did not count")

        // After a restart too, and for the step before, which is older than the one used.
        try fixture.reopen()
        let reopened = fixture.otp(key: key)
        #expect(await otpError { try await reopened.perform(request, key: fixture.newKey()) }?.code == .replayed)
        #expect(await otpError { try await reopened.perform(fixture.attempt(fixture.code(secret, offset: -30), .collectStamps(1)), key: fixture.newKey()) }?.code == .replayed)
        fixture.clock.advance(by: 30)
        let next = try await reopened.perform(fixture.attempt(fixture.code(secret), .collectStamps(1)), key: fixture.newKey())
        #expect(next.member.stamps == 3)
        #expect(try await fixture.auditActions().suffix(4) == ["otp_refused", "otp_refused", "otp_refused", "otp_action"])
    }

    @Test func fiveCodesInTenMinutesAndTheSixthIsRefusedEvenIfRight() async throws {
        let (fixture, secret) = try await enrolled()
        let otp = fixture.otp(key: key)
        var remaining: [Int?] = []
        for _ in 0..<5 {
            let error = await otpError { try await otp.perform(fixture.attempt(fixture.wrongCode(secret), .collectStamps(1)), key: fixture.newKey()) }
            #expect(error?.code == .invalid)
            remaining.append(error?.remainingAttempts)
            fixture.clock.advance(by: 60)
        }
        #expect(remaining == [4, 3, 2, 1, 0])
        // Five minutes after the first: the right code is refused without being checked, across a restart.
        try fixture.reopen()
        let limited = await otpError { try await fixture.otp(key: key).perform(fixture.attempt(fixture.code(secret), .collectStamps(1)), key: fixture.newKey()) }
        #expect(limited?.code == .rateLimited)
        #expect(limited?.retryAt == LedgerFixture.start.addingTimeInterval(600))
        #expect(try await fixture.ledger.member(fixture.phone())?.stamps == 0)

        // Ten minutes after the first wrong code, one attempt is free again.
        fixture.clock.set(LedgerFixture.start.addingTimeInterval(600))
        let done = try await fixture.otp(key: key).perform(fixture.attempt(fixture.code(secret), .collectStamps(1)), key: fixture.newKey())
        #expect(done.member.stamps == 1)
        let next = await otpError { try await fixture.otp(key: key).perform(fixture.attempt(fixture.wrongCode(secret), .collectStamps(1)), key: fixture.newKey()) }
        #expect(next?.code == .rateLimited, "the four later wrong codes and the right one fill the window")
        #expect(try await fixture.auditActions().filter { $0 == "otp_refused" }.count == 7)
    }

    @Test func stampsCollectedOrAccruedByCodeFillAStampCardIntoACoupon() async throws {
        let (fixture, secret) = try await enrolled(try LedgerFixture.withStampCards(size: 5))
        let otp = fixture.otp(key: key)
        let request = fixture.attempt(fixture.code(secret), .collectStamps(7))
        let idempotency = fixture.newKey()
        let collected = try await otp.perform(request, key: idempotency)
        #expect(collected.transaction.type == .conversion)
        #expect(collected.transaction.stamps == 7, "the act still shows the stamps it collected")
        #expect(collected.member.stamps == 2, "five went into the card, two carry over")
        let coupon = try #require(collected.coupons.first)
        #expect(collected.coupons.count == 1)
        #expect(coupon.kind == .stampCard)
        #expect(coupon.state == .issued)
        #expect(coupon.memberID == collected.member.id)
        #expect(try await fixture.coupon(coupon.code)?.issuedBy == collected.transaction.id + 1, "issued in the act's commit")
        #expect(try await otp.perform(request, key: idempotency).coupons == collected.coupons, "a retry answers with the coupon")

        fixture.clock.advance(by: 30)
        let accrued = try await otp.perform(fixture.attempt(fixture.code(secret), .accruePoints(payment: 30_000)), key: fixture.newKey())
        #expect(accrued.member.stamps == 0)
        #expect(accrued.coupons.count == 1)
        #expect(accrued.coupons.first?.code != coupon.code)
        #expect(try await fixture.count("coupon") == 2)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aCodeRedeemsOneOfItsMembersCouponsOnce() async throws {
        let (fixture, secret) = try await enrolled(try LedgerFixture.withStampCards())
        let otp = fixture.otp(key: key)
        let own = try #require(try await fixture.issueVoucher(5_000).coupons.first)
        let others = try #require(try await fixture.issueVoucher(3_000, phone: "010-9876-5432").coupons.first)

        // Another member's coupon is refused, and the right code is not used up by it.
        let code = fixture.code(secret)
        let foreign = await ledgerError { try await otp.perform(fixture.attempt(code, .redeemCoupon(others.code)), key: fixture.newKey()) }
        #expect(foreign?.code == .couponOfAnotherMember)
        #expect(try await fixture.coupon(others.code)?.state == .issued)

        let redeemed = try await otp.perform(fixture.attempt(code, .redeemCoupon(own.code)), key: fixture.newKey())
        #expect(redeemed.transaction.type == .couponRedemption)
        #expect(redeemed.transaction.coupon == own.code)
        #expect(redeemed.transaction.actor == "kim (manager PIN, uid 1000)")
        #expect(redeemed.transaction.reason == "one-time code: redeem coupon \(own.code)")
        #expect(redeemed.coupons.map(\.state) == [.redeemed])
        #expect(try await fixture.coupon(own.code)?.redeemedBy == redeemed.transaction.id)
        let page = try await fixture.ledger.auditLog.page(AuditQuery(limit: 1))
        #expect(page.entries.first?.action == .otpAction)
        #expect(page.entries.first?.detail == "redeem coupon \(own.code)")

        // A coupon is redeemed once, by code or at the counter; the refusal names the redemption.
        fixture.clock.advance(by: 30)
        let again = await ledgerError { try await otp.perform(fixture.attempt(fixture.code(secret), .redeemCoupon(own.code)), key: fixture.newKey()) }
        #expect(again?.code == .couponAlreadyRedeemed)
        #expect(again?.transactionID == redeemed.transaction.id)

        // It is an ordinary redemption: cancelled, the coupon is issued again.
        try await fixture.cancelRedemption(redeemed.transaction.id)
        #expect(try await fixture.coupon(own.code)?.state == .issued)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aRightCodeWhoseActFailsIsNotUsedUp() async throws {
        let (fixture, secret) = try await enrolled()
        let otp = fixture.otp(key: key)
        let code = fixture.code(secret)
        let tooMany = await ledgerError { try await otp.perform(fixture.attempt(code, .cancelStamps(2)), key: fixture.newKey()) }
        #expect(tooMany?.code == .insufficientStamps)
        let collected = try await otp.perform(fixture.attempt(code, .collectStamps(2)), key: fixture.newKey())
        #expect(collected.member.stamps == 2)
        #expect(try await fixture.count("ledger_transaction") == 1)
    }

    @Test func aCodeIsTiedToThisStore() async throws {
        let (fixture, secret) = try await enrolled()
        // The same ledger and key read as another store: the sealed secret does not open.
        let elsewhere = await otpError {
            try await fixture.otp(key: key, storeID: "mapo-02").perform(fixture.attempt(fixture.code(secret), .collectStamps(1)), key: fixture.newKey())
        }
        #expect(elsewhere?.code == .secretUnreadable)

        // Another store enrolls the same customer with its own secret: this store's code is wrong there.
        let other = try LedgerFixture()
        try await other.registerKimAndLee()
        let otherSecret = try await other.otp(key: key, storeID: "mapo-02").enroll(other.phone(), key: other.newKey(), approval: LedgerFixture.approval).secret
        #expect(otherSecret != secret)
        let wrongStore = await otpError {
            try await other.otp(key: key, storeID: "mapo-02").perform(other.attempt(fixture.code(secret), .collectStamps(1)), key: other.newKey())
        }
        #expect(wrongStore?.code == .invalid)
        #expect(try await other.otp(key: key, storeID: "mapo-02").perform(other.attempt(other.code(otherSecret), .collectStamps(1)), key: other.newKey()).member.stamps == 1)
    }

    @Test func secretsAreEncryptedAtRest() async throws {
        let (fixture, secret) = try await enrolled()
        _ = try await fixture.otp(key: key).enroll(fixture.phone("010-2222-3333"), key: fixture.newKey(), approval: LedgerFixture.approval)
        try await fixture.ledger.database.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        #expect(files.contains("ledger.sqlite"))
        for file in files {
            let bytes = try Data(contentsOf: fixture.directory.appendingPathComponent(file))
            #expect(bytes.firstRange(of: Data(secret.bytes)) == nil, "the secret's bytes are in \(file)")
            #expect(bytes.firstRange(of: Data(secret.base32.utf8)) == nil, "the secret's Base32 is in \(file)")
        }
        let stored = try await fixture.ledger.database.pool.read { db in try Data.fetchOne(db, sql: "SELECT sealed_secret FROM member_otp WHERE member_id = 1") }
        #expect(stored?.count == 12 + 20 + 16, "nonce, ciphertext and tag")
    }

    @Test func aChangedOrMovedCiphertextAndAnotherKeyAreRefused() async throws {
        let (fixture, secret) = try await enrolled()
        let second = try await fixture.otp(key: key).enroll(fixture.phone("010-2222-3333"), key: fixture.newKey(), approval: LedgerFixture.approval)
        // Member 2 gets member 1's sealed secret: the member id in the associated data does not match.
        try await fixture.ledger.database.pool.write { db in
            try db.execute(sql: "UPDATE member_otp SET sealed_secret = (SELECT sealed_secret FROM member_otp WHERE member_id = 1) WHERE member_id = 2")
        }
        let moved = await otpError {
            try await fixture.otp(key: key).perform(fixture.attempt(fixture.code(secret), .collectStamps(1), phone: "010-2222-3333"), key: fixture.newKey())
        }
        #expect(moved?.code == .secretUnreadable)
        #expect(second.secret != secret)

        // One bit of member 1's ciphertext flipped.
        try await fixture.ledger.database.pool.write { db in
            var sealed = try Data.fetchOne(db, sql: "SELECT sealed_secret FROM member_otp WHERE member_id = 1") ?? Data()
            sealed[20] ^= 0x01
            try db.execute(sql: "UPDATE member_otp SET sealed_secret = ? WHERE member_id = 1", arguments: [sealed])
        }
        let tampered = await otpError { try await fixture.otp(key: key).perform(fixture.attempt(fixture.code(secret), .collectStamps(1)), key: fixture.newKey()) }
        #expect(tampered?.code == .secretUnreadable)
        #expect(tampered?.message.contains("enroll the member again") == true)

        let otherKey = await otpError {
            try await fixture.otp(key: OTPKey.generate()).perform(fixture.attempt(fixture.code(secret), .collectStamps(1), phone: "010-2222-3333"), key: fixture.newKey())
        }
        #expect(otherKey?.code == .secretUnreadable)
        #expect(try await fixture.count("ledger_transaction") == 0)
    }

    @Test func withoutAKeyNothingIsEnrolledOrChecked() async throws {
        let (fixture, secret) = try await enrolled()
        let missing = await otpError { try await fixture.otp(key: nil).enroll(fixture.phone("010-2222-3333"), key: fixture.newKey(), approval: LedgerFixture.approval) }
        #expect(missing?.code == .keyMissing)
        #expect(missing?.message.contains("posagent otp init-key") == true)
        let unchecked = await otpError { try await fixture.otp(key: nil).perform(fixture.attempt(fixture.code(secret), .collectStamps(1)), key: fixture.newKey()) }
        #expect(unchecked?.code == .keyMissing)
        #expect(try await fixture.count("member_otp") == 1)
        #expect(try await fixture.count("otp_attempt") == 0)
    }

    @Test func nothingWorksUntilAManagerIsRegistered() async throws {
        let fixture = try LedgerFixture()
        let enroll = await otpError { try await fixture.otp(key: key).enroll(fixture.phone(), key: fixture.newKey(), approval: LedgerFixture.approval) }
        #expect(enroll?.code == .noManagers)
        #expect(enroll?.message.contains("posagent manager add") == true)
        let act = await otpError { try await fixture.otp(key: key).perform(fixture.attempt("123456", .collectStamps(1)), key: fixture.newKey()) }
        #expect(act?.code == .noManagers)
        #expect(try await fixture.rowCounts() == [0, 0, 0, 0, 0, 0])
    }

    @Test func membersWithoutASecretAndMalformedCodesAreRefusedWithoutCounting() async throws {
        let (fixture, _) = try await enrolled()
        _ = try await fixture.accrue(10_000, phone: "010-2222-3333")
        let notEnrolled = await otpError { try await fixture.otp(key: key).perform(fixture.attempt("123456", .collectStamps(1), phone: "010-2222-3333"), key: fixture.newKey()) }
        #expect(notEnrolled?.code == .notEnrolled)
        for malformed in ["12345", "1234567", "12a456", ""] {
            let error = await otpError { try await fixture.otp(key: key).perform(fixture.attempt(malformed, .collectStamps(1)), key: fixture.newKey()) }
            #expect(error?.code == .malformedCode, "\(malformed)")
        }
        let zero = await ledgerError { try await fixture.otp(key: key).perform(fixture.attempt("123456", .collectStamps(0)), key: fixture.newKey()) }
        #expect(zero?.code == .invalidAmount)
        #expect(try await fixture.count("otp_attempt") == 0)
    }

    @Test func enrollingAgainNeedsReplaceAndARetryGetsTheSameSecret() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        let otp = fixture.otp(key: key)
        let idempotency = fixture.newKey()
        let first = try await otp.enroll(fixture.phone(), key: idempotency, approval: LedgerFixture.approval)
        #expect(first.member.phone?.digits == "01012345678", "an unknown phone is enrolled as a member")
        let retried = try await otp.enroll(fixture.phone(), key: idempotency, approval: LedgerFixture.approval)
        #expect(retried.replayed)
        #expect(retried.secret == first.secret)

        let again = await otpError { try await otp.enroll(fixture.phone(), key: fixture.newKey(), approval: LedgerFixture.approval) }
        #expect(again?.code == .alreadyEnrolled)
        let replaced = try await otp.enroll(fixture.phone(), replace: true, key: fixture.newKey(), approval: LedgerFixture.approval)
        #expect(replaced.secret != first.secret)
        let stale = await ledgerError { try await otp.enroll(fixture.phone(), key: idempotency, approval: LedgerFixture.approval) }
        #expect(stale?.code == .idempotencyConflict)

        #expect(await otpError { try await otp.perform(fixture.attempt(fixture.code(first.secret), .collectStamps(1)), key: fixture.newKey()) }?.code == .invalid)
        #expect(try await otp.perform(fixture.attempt(fixture.code(replaced.secret), .collectStamps(1)), key: fixture.newKey()).member.stamps == 1)
        #expect(try await otp.enrolledSince(fixture.phone()) == LedgerFixture.start)
        #expect(try await otp.enrolledSince(fixture.phone("010-9999-9999")) == nil)
    }

    @Test func theCentralServersSecretIsImportedForThisStoreOnly() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        let otp = fixture.otp(key: key)
        let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        let wrongStore = await otpError { try await otp.importSecret(ImportedOTPSecret(storeID: "mapo-02", member: fixture.phone(), secret: seed), caller: "sync") }
        #expect(wrongStore?.code == .wrongStore)
        let eightDigits = await otpError { try await otp.importSecret(ImportedOTPSecret(storeID: LedgerFixture.storeID, member: fixture.phone(), secret: seed, digits: 8), caller: "sync") }
        #expect(eightDigits?.code == .unsupportedParameters)
        let notBase32 = await otpError { try await otp.importSecret(ImportedOTPSecret(storeID: LedgerFixture.storeID, member: fixture.phone(), secret: "not-base32!"), caller: "sync") }
        #expect(notBase32?.code == .invalidSecret)
        #expect(try await fixture.count("member_otp") == 0)

        let member = try await otp.importSecret(ImportedOTPSecret(storeID: LedgerFixture.storeID, member: fixture.phone(), secret: seed.lowercased()), caller: "sync from central")
        // The RFC 6238 seed: the code at 2026-03-02 10:00 Seoul is HOTP of step 59,080,440.
        let code = TOTP.hotp(secret: Array("12345678901234567890".utf8), counter: 59_080_440, digits: 6, algorithm: .sha1)
        let result = try await otp.perform(fixture.attempt(code, .collectStamps(1)), key: fixture.newKey())
        #expect(result.member.id == member.id)
        let entry = try await fixture.ledger.auditLog.page(AuditQuery()).entries.first { $0.action == .otpImported }
        #expect(entry?.caller == "sync from central")
    }
}
