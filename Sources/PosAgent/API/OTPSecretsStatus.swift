import Foundation
import Loyalty

/// `otpSecrets` of `GET /v1/sync`: how the download of members' one-time-code secrets stands.
struct OTPSecretsStatus: Codable, Sendable {
    var imported: Int
    var refused: Int
    var cursor: String?
    var lastSuccessAt: String?
    var lastRefusalCode: String?
    var lastRefusalAt: String?
    var lastError: String?
    var lastErrorAt: String?

    init(_ state: OTPFeedState, timeZone: TimeZone) {
        imported = state.imported
        refused = state.refused
        cursor = state.cursor
        lastSuccessAt = state.lastSuccess.map { Timestamp.rfc3339($0, in: timeZone) }
        lastRefusalCode = state.lastRefusalCode
        lastRefusalAt = state.lastRefusal.map { Timestamp.rfc3339($0, in: timeZone) }
        lastError = state.lastError
        lastErrorAt = state.lastErrorAt.map { Timestamp.rfc3339($0, in: timeZone) }
    }
}
