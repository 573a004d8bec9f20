import Foundation
import Hummingbird
import Loyalty

/// What the socket API needs of the uploader and of the download of members' secrets.
struct SyncControl: Sendable {
    let trigger: SyncTrigger
    /// The secrets download's, when it runs.
    let secretsTrigger: SyncTrigger?
    /// The chain marketing images' download's, when it runs, and how it last went.
    let marketingTrigger: SyncTrigger?
    let marketing: ChainMarketingStatus?
    let server: String

    /// `posagent sync now`: upload, and fetch members' secrets and the chain's images, at once.
    func runNow() async {
        await trigger.runNow()
        await secretsTrigger?.runNow()
        await marketingTrigger?.runNow()
    }
}

/// `posagent sync status|now|retry-dead` over the socket.
struct SyncRoutes: Sendable {
    let api: SocketAPI

    struct Status: Codable, Sendable {
        var server: String?
        var backlog: Int
        var oldestUnsentAgeSeconds: Int64?
        var lastAttemptAt: String?
        var lastSuccessAt: String?
        var lastError: String?
        var lastErrorAt: String?
        var deadLetters: [DeadLetter]
        /// The download of members' one-time-code secrets.
        var otpSecrets: OTPSecretsStatus?
        /// The download of the chain's marketing images, while it runs.
        var marketing: Marketing?
    }

    struct Marketing: Codable, Sendable {
        var lastSuccessAt: String?
        var lastError: String?
        var lastErrorAt: String?
        var images: Int?
    }

    @Sendable func status(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "upload status")
        let backlog = try await api.ledger.outboxBacklog()
        let state = try await api.ledger.syncState()
        let zone = api.timeZone
        return try api.json(Status(
            server: api.sync?.server, backlog: backlog.count,
            oldestUnsentAgeSeconds: backlog.oldest.map { Int64(Date().timeIntervalSince($0).rounded(.down)) },
            lastAttemptAt: state.lastAttempt.map { Timestamp.rfc3339($0, in: zone) },
            lastSuccessAt: state.lastSuccess.map { Timestamp.rfc3339($0, in: zone) },
            lastError: state.lastError, lastErrorAt: state.lastErrorAt.map { Timestamp.rfc3339($0, in: zone) },
            deadLetters: try await api.ledger.deadLetters(),
            otpSecrets: OTPSecretsStatus(try await api.ledger.otpFeedState(), timeZone: zone),
            marketing: api.sync?.marketing.map { status in
                let state = status.snapshot
                return Marketing(lastSuccessAt: state.lastSuccess.map { Timestamp.rfc3339($0, in: zone) }, lastError: state.lastError,
                                 lastErrorAt: state.lastErrorAt.map { Timestamp.rfc3339($0, in: zone) }, images: state.images)
            }))
    }

    @Sendable func runNow(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.manager(request, context, for: "starting an upload")
        guard let sync = api.sync else { throw Self.offline }
        await sync.runNow()
        return try api.json(["backlog": try await api.ledger.outboxBacklog().count])
    }

    @Sendable func retryDead(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.manager(request, context, for: "retrying dead letters")
        let requeued = try await api.ledger.retryDeadLetters()
        await api.sync?.trigger.runNow()
        return try api.json(["requeued": requeued])
    }

    static let offline = Problem(
        status: .conflict, code: "sync_offline",
        detail: "no [sync] server is configured: the agent works offline and keeps its outbox; set [sync] server to upload")
}
