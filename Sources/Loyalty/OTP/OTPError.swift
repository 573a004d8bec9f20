import Foundation

/// What one-time-code authentication refuses: wrong, replayed or too many codes, members without a secret,
/// a missing or wrong at-rest key. Messages say what was wrong and what to do, and never contain a code's
/// secret.
public struct OTPError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The code is not the member's code for now (or the step before or after).
        public static let invalid = Code(rawValue: "otp_invalid")
        /// The code, or a later one, was accepted already.
        public static let replayed = Code(rawValue: "otp_replayed")
        /// Five codes were tried for this member in the last ten minutes.
        public static let rateLimited = Code(rawValue: "otp_rate_limited")
        /// The member has no OTP secret at this store.
        public static let notEnrolled = Code(rawValue: "otp_not_enrolled")
        /// Enrolling a member who has a secret already, without asking to replace it.
        public static let alreadyEnrolled = Code(rawValue: "otp_already_enrolled")
        /// The code typed is not six digits.
        public static let malformedCode = Code(rawValue: "otp_malformed")
        /// No at-rest key is configured, so secrets can be neither made nor read.
        public static let keyMissing = Code(rawValue: "otp_key_missing")
        /// The at-rest key file exists but does not hold a key.
        public static let invalidKey = Code(rawValue: "otp_invalid_key")
        /// A stored secret does not open with this key, store and member: another key, store or a changed row.
        public static let secretUnreadable = Code(rawValue: "otp_secret_unreadable")
        /// A secret to import is not Base32 of 16 to 64 bytes.
        public static let invalidSecret = Code(rawValue: "otp_invalid_secret")
        /// A secret to import is for another store, or uses parameters this store does not.
        public static let wrongStore = Code(rawValue: "otp_wrong_store")
        public static let unsupportedParameters = Code(rawValue: "otp_unsupported_parameters")
        /// Alternate authentication needs a registered manager to approve it.
        public static let noManagers = Code(rawValue: "no_managers")
    }

    public let code: Code
    public let message: String
    /// After a wrong code: how many more may be tried in the current ten minutes.
    public var remainingAttempts: Int?
    /// After too many codes: when the next may be tried.
    public var retryAt: Date?

    public init(_ code: Code, _ message: String, remainingAttempts: Int? = nil, retryAt: Date? = nil) {
        self.code = code
        self.message = message
        self.remainingAttempts = remainingAttempts
        self.retryAt = retryAt
    }

    public var description: String { "\(code): \(message)" }
}
