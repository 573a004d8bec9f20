import Foundation
import GRDB

/// A member's secret as the central server sends it (docs/otp.md): the store it is for, the member, and the
/// secret in Base32 with the parameters it is used with, which must be this agent's (SHA1, 6 digits, 30 s).
public struct ImportedOTPSecret: Sendable, Hashable {
    public var storeID: String
    public var member: MemberKey
    public var secret: String
    public var algorithm: String
    public var digits: Int
    public var period: Int

    public init(storeID: String, member: MemberKey, secret: String, algorithm: String = "SHA1", digits: Int = 6, period: Int = 30) {
        self.storeID = storeID
        self.member = member
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }
}

extension MemberOTP {
    /// Stores a secret made by the central server for a member of this store, replacing any earlier one
    /// (the server's is the one the customer's app has). An unknown phone or card is enrolled as a member.
    /// Recorded in the audit log with `caller`, e.g. "sync from https://loyalty.example.com".
    @discardableResult
    public func importSecret(_ imported: ImportedOTPSecret, caller: String) async throws -> Member {
        guard imported.storeID == storeID else {
            throw OTPError(.wrongStore, "this secret is for store \(imported.storeID.prefix(64)), and this is store \(storeID); it was not imported")
        }
        guard imported.algorithm.uppercased() == "SHA1", imported.digits == TOTP.digits, Int64(imported.period) == TOTP.period else {
            throw OTPError(
                .unsupportedParameters,
                "this agent checks codes of \(TOTP.digits) digits every \(TOTP.period) s with SHA1, not \(imported.digits) digits every \(imported.period) s with \(imported.algorithm.prefix(16))")
        }
        let secret = try OTPSecret(base32: imported.secret)
        let member = try ledger.checked(imported.member)
        let key = try requireKey()
        let storeID = self.storeID, clock = ledger.clock
        return try await storageErrors {
            try await ledger.database.pool.write { db in
                let now = clock.now()
                let (found, _) = try MemberStore.findOrEnroll(db, member, at: now)
                let sealed = try OTPSealing.seal(secret, key: key, storeID: storeID, memberID: found.id)
                try OTPStore.save(db, memberID: found.id, storeID: storeID, sealed: sealed, source: "imported", enrollmentKey: nil, at: now)
                try AuditStore.append(db, AuditNote(.otpImported, manager: nil, caller: caller, subject: "member #\(found.id)"), at: now)
                return found
            }
        }
    }
}
