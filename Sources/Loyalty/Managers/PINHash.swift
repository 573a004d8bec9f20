import Crypto
import Foundation
import _CryptoExtras

/// A PIN kept as salted PBKDF2-HMAC-SHA256 (RFC 8018), with the iteration count it was made with, so the
/// count can be raised later and older hashes still check (and are redone at the next right PIN).
struct PINHash: Sendable, Hashable {
    static let algorithm = "pbkdf2-sha256"
    static let saltLength = 16
    static let hashLength = 32

    var iterations: Int
    var salt: [UInt8]
    var hash: [UInt8]

    /// A new hash of `pin` with a fresh random salt.
    init(of pin: ManagerPIN, iterations: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<Self.saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.init(iterations: iterations, salt: salt, hash: try Self.derive(pin.bytes, salt: salt, iterations: iterations))
    }

    init(iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// Whether `pin` is the one this hash was made from, compared in constant time.
    func matches(_ pin: ManagerPIN) throws -> Bool {
        constantTimeEqual(try Self.derive(pin.bytes, salt: salt, iterations: iterations), hash)
    }

    /// PBKDF2-HMAC-SHA256 of `password`, 32 bytes, by BoringSSL's `PKCS5_PBKDF2_HMAC`.
    static func derive(_ password: [UInt8], salt: [UInt8], iterations: Int, length: Int = hashLength) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: password, salt: salt, using: .sha256, outputByteCount: length, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }
}

/// How new PINs are hashed: the iteration count, at least the 210,000 OWASP gives as the floor for
/// PBKDF2-HMAC-SHA256 (the schema refuses fewer).
public struct PINHashing: Sendable, Hashable {
    public static let minimumIterations = 210_000
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let standard = PINHashing(checkedIterations: 600_000)

    public let iterations: Int

    public init(iterations: Int) throws(ManagerError) {
        guard iterations >= Self.minimumIterations else {
            throw ManagerError(.invalidPIN, "PINs are hashed with at least \(Self.minimumIterations) PBKDF2 iterations, not \(iterations)")
        }
        self.iterations = iterations
    }

    private init(checkedIterations: Int) { iterations = checkedIterations }
}

/// Compares two byte strings in time that depends only on their lengths, never on where they differ.
func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
}

/// Runs CPU-heavy work (a PBKDF2 derivation takes a good fraction of a second) on a Dispatch thread, never
/// on Swift's cooperative pool, which has one thread per core for everything else.
func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
    }
}
