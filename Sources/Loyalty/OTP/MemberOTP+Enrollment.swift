import Foundation
import GRDB

/// A member's new secret, to hand to their authenticator app once.
public struct OTPEnrollment: Sendable {
    public var member: Member
    public var secret: OTPSecret
    public var enrolledAt: Date
    /// True when this answers a retried request (same idempotency key): the secret made the first time.
    public var replayed: Bool
}

extension MemberOTP {
    /// Makes a member a new secret (enrolling an unknown phone or card as a member). A member who has one
    /// keeps it unless `replace` is set; then the old one stops working.
    public func enroll(_ member: MemberKey, replace: Bool = false, key idempotency: IdempotencyKey,
                       approval: OTPApproval) async throws -> OTPEnrollment {
        let member = try ledger.checked(member)
        let key = try requireKey()
        let fingerprint = IdempotencyStore.fingerprint(["otp_enrollment", member.fingerprint, replace ? "replace" : "new"])
        let fresh = OTPSecret.generate()
        let storeID = self.storeID, clock = ledger.clock
        return try await storageErrors {
            try await ledger.database.pool.write { db in
                if let memberID = try OTPStore.enrollment(db, key: idempotency, fingerprint: fingerprint) {
                    guard let record = try OTPStore.find(db, memberID: memberID), record.enrollmentKey == idempotency.rawValue else {
                        throw LedgerError(
                            .idempotencyConflict,
                            "the secret enrolled with idempotency key '\(idempotency)' has been replaced since; use a new key to enroll again")
                    }
                    let secret = try OTPSealing.open(record.sealed, key: key, storeID: storeID, memberID: memberID)
                    return OTPEnrollment(member: try MemberStore.require(db, .id(memberID)), secret: secret,
                                         enrolledAt: record.enrolledAt, replayed: true)
                }
                try Self.requireManagers(db)
                let now = Date(ledgerMilliseconds: clock.now().ledgerMilliseconds)
                let (found, _) = try MemberStore.findOrEnroll(db, member, at: now)
                if let existing = try OTPStore.find(db, memberID: found.id), !replace {
                    throw OTPError(
                        .alreadyEnrolled,
                        "\(found.maskedIdentity) has an OTP secret already (\(existing.source) at \(existing.enrolledAt)); ask to replace it to make a new one, and the old one stops working")
                }
                let sealed = try OTPSealing.seal(fresh, key: key, storeID: storeID, memberID: found.id)
                try OTPStore.saveEnrollment(db, key: idempotency, fingerprint: fingerprint, memberID: found.id, at: now)
                try OTPStore.save(db, memberID: found.id, storeID: storeID, sealed: sealed, source: "enrolled",
                                  enrollmentKey: idempotency.rawValue, at: now)
                try AuditStore.append(
                    db, AuditNote(.otpEnrolled, manager: approval.manager, caller: approval.caller, subject: "member #\(found.id)",
                                  detail: replace ? "new secret; any earlier one stops working" : nil), at: now)
                return OTPEnrollment(member: found, secret: fresh, enrolledAt: now, replayed: false)
            }
        }
    }
}
