import Foundation
import HTTPTypes
import Loyalty

extension Problem {
    /// The HTTP face of a one-time-code refusal: 403 for a wrong code or no manager to approve, 429 with
    /// `Retry-After` for one code too many, 409 for states the member must change first, 503 without a key.
    init(_ error: OTPError) {
        let status: HTTPResponse.Status = switch error.code {
        case .invalid, .noManagers: .forbidden
        case .rateLimited: .tooManyRequests
        case .replayed, .notEnrolled, .alreadyEnrolled, .secretUnreadable: .conflict
        case .keyMissing, .invalidKey: .serviceUnavailable
        default: .unprocessableContent
        }
        self.init(status: status, code: error.code.rawValue, detail: error.message)
        remainingAttempts = error.remainingAttempts
        if let retryAt = error.retryAt { retryAfterSeconds = max(1, Int(retryAt.timeIntervalSinceNow.rounded(.up))) }
    }
}
