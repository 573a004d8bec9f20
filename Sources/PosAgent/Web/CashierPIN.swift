import Crypto
import Foundation

/// The store's cashier PIN, in a file of its own (`[web] cashier_pin_file`), read at each sign-in so a new
/// PIN takes effect without a restart. Never logged, never compared in a time that depends on it.
struct CashierPIN: Sendable {
    let path: String

    enum Verdict: Equatable {
        case accepted
        case refused
        /// The file is missing or holds no usable PIN: nobody can sign in until an admin writes one.
        case unusable(String)
    }

    /// 4 to 16 digits, as a counter keypad types them.
    static func isWellFormed(_ text: String) -> Bool {
        (4...16).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    func check(_ typed: String) -> Verdict {
        guard let pin = CredentialFile.read(path) else {
            return .unusable("no cashier PIN is set: write 4 to 16 digits to \(path) (mode 0600, owned by the daemon's account), or set [web] cashier_pin_file")
        }
        guard Self.isWellFormed(pin) else {
            return .unusable("the cashier PIN in \(path) is not 4 to 16 digits; write a new one there")
        }
        return Secrets.equal(typed, pin) ? .accepted : .refused
    }
}

enum Secrets {
    /// Compares digests byte by byte without stopping early, so the time taken says nothing about the secret.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(SHA256.hash(data: Data(a.utf8))), right = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
