import Foundation
import SyncWire

/// A member's TOTP secret: the key their authenticator app shares with the store. It prints as a
/// placeholder, so it cannot reach a log or an error message by accident; `base32` is for the enrollment
/// answer only.
public struct OTPSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// RFC 4226 recommends 160 bits, the length of an HMAC-SHA1 block's worth of entropy the apps expect.
    public static let generatedLength = 20
    /// RFC 4226 requires at least 128 bits; imported secrets may be up to 64 bytes.
    public static let allowedLengths = 16...64

    let bytes: [UInt8]

    /// A new secret of 20 bytes from the system's random number generator.
    public static func generate() -> OTPSecret {
        var generator = SystemRandomNumberGenerator()
        return OTPSecret(checked: (0..<generatedLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// A secret given as Base32 (from the central server, or typed), 16 to 64 bytes.
    public init(base32 text: String) throws(OTPError) {
        guard let bytes = Base32.decode(text) else {
            throw OTPError(.invalidSecret, "the OTP secret is not Base32 (letters A to Z and digits 2 to 7)")
        }
        try self.init(bytes: bytes)
    }

    public init(bytes: [UInt8]) throws(OTPError) {
        guard Self.allowedLengths.contains(bytes.count) else {
            throw OTPError(.invalidSecret, "an OTP secret is 16 to 64 bytes (26 to 103 Base32 letters), not \(bytes.count) bytes")
        }
        self.bytes = bytes
    }

    private init(checked bytes: [UInt8]) { self.bytes = bytes }

    /// The secret as authenticator apps take it: Base32 without padding.
    public var base32: String { Base32.encode(bytes) }

    public var description: String { "<OTP secret>" }
    public var debugDescription: String { "<OTP secret>" }
}
