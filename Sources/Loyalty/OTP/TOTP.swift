import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226): HMAC-SHA1 of the number of 30-second
/// steps since 1970, dynamically truncated to 6 decimal digits — what authenticator apps show.
public struct TOTP: Sendable {
    public static let period: Int64 = 30
    public static let digits = 6

    let secret: [UInt8]

    public init(secret: OTPSecret) { self.secret = secret.bytes }

    /// The step `date` falls in: whole periods since 1970-01-01 00:00 UTC.
    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code shown during `step`.
    public func code(step: Int64) -> String {
        Self.hotp(secret: secret, counter: UInt64(bitPattern: step), digits: Self.digits, algorithm: .sha1)
    }

    public func code(at date: Date) -> String { code(step: Self.step(at: date)) }

    /// The HMACs RFC 6238 allows; posagent uses SHA1, as authenticator apps do, and the others are here for
    /// the RFC's test vectors.
    enum Algorithm {
        case sha1, sha256, sha512
    }

    /// HOTP (RFC 4226 section 5.3): HMAC of the 8-byte big-endian counter, 31 bits taken at the offset named
    /// by the low nibble of the last byte, modulo 10^digits, with leading zeros.
    static func hotp(secret: [UInt8], counter: UInt64, digits: Int, algorithm: Algorithm) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(truncated % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }
}
