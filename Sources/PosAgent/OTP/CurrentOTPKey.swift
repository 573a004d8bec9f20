import Loyalty
import NIOConcurrencyHelpers

/// The OTP key the daemon uses now: read at start and replaced by a reload (SIGHUP), so requests in
/// flight keep the key they started with and the next ones take the new one.
final class CurrentOTPKey: Sendable {
    private let key: NIOLockedValueBox<OTPKey?>

    init(_ key: OTPKey?) { self.key = NIOLockedValueBox(key) }

    var value: OTPKey? { key.withLockedValue { $0 } }

    func replace(with new: OTPKey) { key.withLockedValue { $0 = new } }
}
