import Foundation
import GRDB

/// One-time-code authentication of members at this store: enrollment of a member's TOTP secret, import
/// of one made by the central server, and the acts a customer's code performs once a manager approves.
///
/// Secrets are sealed with `key` for this store and member (see `OTPSealing`); without a key nothing can
/// be enrolled or checked. Everything here needs at least one registered manager.
public struct MemberOTP: Sendable {
    /// Codes a member may try in `attemptWindow`, right or wrong.
    public static let maxAttempts = 5
    public static let attemptWindow: TimeInterval = 10 * 60

    let ledger: Ledger
    let key: OTPKey?
    public let storeID: String

    public init(ledger: Ledger, key: OTPKey?, storeID: String) {
        self.ledger = ledger
        self.key = key
        self.storeID = storeID
    }

    /// Whether the member has a secret at this store, and since when; nil when not enrolled.
    public func enrolledSince(_ member: MemberKey) async throws -> Date? {
        let member = try ledger.checked(member)
        return try await storageErrors {
            try await ledger.database.pool.read { db in
                guard let found = try MemberStore.find(db, member) else { return nil }
                return try OTPStore.find(db, memberID: found.id)?.enrolledAt
            }
        }
    }

    func requireKey() throws(OTPError) -> OTPKey {
        guard let key else {
            throw OTPError(
                .keyMissing,
                "no OTP key is configured, so member secrets can be neither made nor checked; create the key file with posagent otp init-key (see [otp] key_file)")
        }
        return key
    }

    /// Checked in the same transaction as the act: the last manager cannot be removed in between.
    static func requireManagers(_ db: Database) throws {
        guard try ManagerStore.count(db) > 0 else {
            throw OTPError(
                .noManagers,
                "one-time codes work only once a manager is registered to approve them; root or a member of the managers' group registers the first with posagent manager add")
        }
    }

    /// The six digits as typed; anything else is refused without counting as an attempt.
    static func checkedCode(_ text: String) throws(OTPError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces)
        guard code.utf8.count == TOTP.digits, code.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw OTPError(.malformedCode, "a one-time code is the \(TOTP.digits) digits the customer's app shows, e.g. 123456")
        }
        return code
    }
}

extension Ledger {
    /// One-time-code authentication on this ledger, with the at-rest `key` (nil: none configured) of store `storeID`.
    public func otp(key: OTPKey?, storeID: String) -> MemberOTP { MemberOTP(ledger: self, key: key, storeID: storeID) }
}

extension AuditAction {
    /// A member's OTP secret made (or replaced) at the counter.
    public static let otpEnrolled = AuditAction(rawValue: "otp_enrolled")
    /// A member's OTP secret taken from the central server.
    public static let otpImported = AuditAction(rawValue: "otp_imported")
    /// An act performed with a customer's one-time code, approved by a manager.
    public static let otpAction = AuditAction(rawValue: "otp_action")
    /// A code refused: wrong, replayed, or one too many.
    public static let otpRefused = AuditAction(rawValue: "otp_refused")
}
