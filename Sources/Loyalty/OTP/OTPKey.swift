import Crypto
import Foundation

/// The key that keeps members' OTP secrets encrypted at rest (AES-256-GCM). It lives in a file apart from
/// the ledger — one line of Base64 of 32 random bytes — so a copy of the ledger alone (a backup, a stolen
/// disk image of the data directory) reveals no secret.
public struct OTPKey: Sendable {
    public static let length = 32
    /// Kept as bytes (swift-crypto's `SymmetricKey` is not `Sendable`); made a key for each use.
    private let bytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A new random key.
    public static func generate() -> OTPKey { OTPKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }) }

    /// The key in a key file's contents: Base64 of 32 bytes, surrounding white space ignored.
    public init(fileContents: Data) throws(OTPError) {
        let text = String(decoding: fileContents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == Self.length else {
            throw OTPError(
                .invalidKey,
                "the OTP key file must hold one line of Base64 of \(Self.length) random bytes; make a new one with posagent otp init-key (secrets sealed with a lost key cannot be read: members enroll again)")
        }
        self.bytes = Array(bytes)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// What a key file holds: Base64 and a newline.
    public var fileContents: Data { Data((Data(bytes).base64EncodedString() + "\n").utf8) }
}

/// Seals a member's secret for one store and one member: the store's id and the member's id are the
/// AES-GCM associated data, so a sealed secret copied to another member's row, or into another store's
/// ledger, fails to open even with the same key.
enum OTPSealing {
    static func associatedData(storeID: String, memberID: Int64) -> Data {
        Data("posagent member otp v1\u{0}store \(storeID)\u{0}member \(memberID)".utf8)
    }

    /// Nonce (12 bytes), ciphertext and tag (16 bytes), as one blob.
    static func seal(_ secret: OTPSecret, key: OTPKey, storeID: String, memberID: Int64) throws -> Data {
        let box = try AES.GCM.seal(secret.bytes, using: key.key, nonce: AES.GCM.Nonce(),
                                   authenticating: associatedData(storeID: storeID, memberID: memberID))
        guard let combined = box.combined else { throw OTPError(.secretUnreadable, "AES-GCM gave no sealed form") }
        return combined
    }

    static func open(_ sealed: Data, key: OTPKey, storeID: String, memberID: Int64) throws(OTPError) -> OTPSecret {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let bytes = try AES.GCM.open(box, using: key.key, authenticating: associatedData(storeID: storeID, memberID: memberID))
            return try OTPSecret(bytes: Array(bytes))
        } catch {
            throw OTPError(
                .secretUnreadable,
                "member #\(memberID)'s OTP secret does not open with this store's key (store \(storeID)): the key file was replaced, the ledger comes from another store, or the row was changed; enroll the member again")
        }
    }
}
