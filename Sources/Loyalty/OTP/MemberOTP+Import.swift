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
        let checked = try checkedImport(imported)
        let key = try requireKey()
        let storeID = self.storeID, clock = ledger.clock
        return try await storageErrors {
            try await ledger.database.pool.write { db in
                try Self.store(db, checked, key: key, storeID: storeID, caller: caller, at: clock.now())
            }
        }
    }

    /// A secret checked for this store and agent, not yet stored.
    struct CheckedImport: Sendable {
        var member: MemberKey
        var secret: OTPSecret
    }

    /// Refuses a secret for another store, with other parameters, not Base32 of 16 to 64 bytes, or for a
    /// phone or card that is not a member's (`OTPError`, or `LedgerError` for the member).
    func checkedImport(_ imported: ImportedOTPSecret) throws -> CheckedImport {
        guard imported.storeID == storeID else {
            throw OTPError(.wrongStore, "this secret is for store \(imported.storeID.prefix(64)), and this is store \(storeID); it was not imported")
        }
        guard imported.algorithm.uppercased() == "SHA1", imported.digits == TOTP.digits, Int64(imported.period) == TOTP.period else {
            throw OTPError(
                .unsupportedParameters,
                "this agent checks codes of \(TOTP.digits) digits every \(TOTP.period) s with SHA1, not \(imported.digits) digits every \(imported.period) s with \(imported.algorithm.prefix(16))")
        }
        let secret = try OTPSecret(base32: imported.secret)
        return CheckedImport(member: try ledger.checked(imported.member), secret: secret)
    }

    /// Seals and stores a checked secret in the caller's SQLite transaction, enrolling an unknown member,
    /// with its `otp_imported` audit entry.
    static func store(_ db: Database, _ checked: CheckedImport, key: OTPKey, storeID: String, caller: String, at now: Date) throws -> Member {
        let (found, _) = try MemberStore.findOrEnroll(db, checked.member, at: now)
        let sealed = try OTPSealing.seal(checked.secret, key: key, storeID: storeID, memberID: found.id)
        try OTPStore.save(db, memberID: found.id, storeID: storeID, sealed: sealed, source: "imported", enrollmentKey: nil, at: now)
        try AuditStore.append(db, AuditNote(.otpImported, manager: nil, caller: caller, subject: "member #\(found.id)"), at: now)
        return found
    }
}
