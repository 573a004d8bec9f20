import Foundation
import GRDB
@testable import Loyalty

extension LedgerFixture {
    static let storeID = "gangnam-01"

    /// One-time codes on this ledger for store `storeID`, with `key` (nil: no key configured).
    func otp(key: OTPKey?, storeID: String = LedgerFixture.storeID) -> MemberOTP {
        MemberOTP(ledger: ledger, key: key, storeID: storeID)
    }

    static let approval = OTPApproval(actor: "kim (manager PIN, uid 1000)", manager: try! ManagerID(parsing: "kim"), caller: "alice (uid 1000)")

    func attempt(_ code: String, _ action: OTPAction, phone text: String = "010-1234-5678") -> OTPAttempt {
        OTPAttempt(member: phone(text), code: code, action: action, approval: Self.approval)
    }

    /// The code the member's app shows `offset` seconds from the ledger's now.
    func code(_ secret: OTPSecret, offset: TimeInterval = 0) -> String {
        TOTP(secret: secret).code(at: clock.now().addingTimeInterval(offset))
    }

    /// A code that is none of the window's three: the right one with its last digit changed.
    func wrongCode(_ secret: OTPSecret) -> String {
        let totp = TOTP(secret: secret), step = TOTP.step(at: clock.now())
        let window = Set((step - 1...step + 1).map { totp.code(step: $0) })
        var candidate = 0
        while window.contains(String(format: "%06d", candidate)) { candidate += 1 }
        return String(format: "%06d", candidate)
    }
}

/// Runs `body` and returns the OTP error it throws, or nil if it did not throw one.
func otpError(_ body: () async throws -> some Any) async -> OTPError? {
    do {
        _ = try await body()
        return nil
    } catch let error as OTPError {
        return error
    } catch {
        return OTPError(.init(rawValue: "unexpected"), "unexpected error \(error)")
    }
}
