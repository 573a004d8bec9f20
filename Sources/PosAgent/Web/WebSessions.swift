import Crypto
import Foundation

/// The cashier screen's signed-in sessions, in memory (a restart signs every screen out), and the
/// throttle on wrong PINs.
actor WebSessions {
    struct Session: Sendable {
        let id: String
        /// Sent back in `X-CSRF-Token` with every state change; the page holds it, another site cannot.
        let csrfToken: String
        let role: Role
        let expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    private var sessions: [String: Session] = [:]
    private var failures = 0
    private var lockedUntil: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    /// Wrong PINs in a row before sign-in is refused for `lockout`.
    static let allowedFailures = 5
    static let lockout: Duration = .seconds(60)
    /// More open sessions than a counter has browsers; the oldest goes first.
    static let capacity = 32

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    func open(role: Role) -> Session {
        let now = clock.now
        sessions = sessions.filter { $0.value.expires > now }
        if sessions.count >= Self.capacity, let oldest = sessions.values.min(by: { $0.expires < $1.expires }) {
            sessions[oldest.id] = nil
        }
        let session = Session(id: Self.randomToken(), csrfToken: Self.randomToken(), role: role, expires: now.advanced(by: lifetime))
        sessions[session.id] = session
        failures = 0
        return session
    }

    func session(_ id: String) -> Session? {
        guard let session = sessions[id] else { return nil }
        guard session.expires > clock.now else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    func close(_ id: String) {
        sessions[id] = nil
    }

    /// How long sign-in stays refused after too many wrong PINs; nil when it is allowed.
    func lockedFor() -> Duration? {
        guard let lockedUntil else { return nil }
        let left = lockedUntil - clock.now
        guard left > .zero else {
            self.lockedUntil = nil
            return nil
        }
        return left
    }

    func wrongPIN() {
        failures += 1
        if failures >= Self.allowedFailures {
            failures = 0
            lockedUntil = clock.now.advanced(by: Self.lockout)
        }
    }

    /// 256 random bits from the system's CSPRNG, base64url without padding (43 characters, cookie-safe).
    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
