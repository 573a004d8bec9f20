import Crypto
import Foundation

/// A shop's bearer token: 32 random bytes in base64url, shown once when made. The database keeps only
/// its SHA-256, which is enough for a secret this long (no dictionary to guess from).
struct StoreToken: Sendable {
    let text: String

    static func make() -> StoreToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return StoreToken(text: text)
    }

    /// What the `store` table keeps: the SHA-256 of the token's text, in lower-case hex.
    static func sha256(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
