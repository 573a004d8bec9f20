import Foundation
import Hummingbird
import Logging
import Loyalty

/// The daemon's HTTP+JSON API on its Unix socket: what the POS software, the CLI and admins call.
struct SocketAPI: Sendable {
    let ledger: Ledger
    let desk: any CheckoutDesk
    let roles: RolePolicy
    let timeZone: TimeZone
    let storeID: String
    /// The uploader's trigger and server; nil when the agent works offline.
    let sync: SyncControl?
    let logger: Logger

    func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        let operations = OperationRoutes(api: self)
        router.post("/v1/identify", use: operations.identify)
        router.post("/v1/accruals", use: operations.accrue)
        router.post("/v1/point-uses", use: operations.usePoints)
        router.post("/v1/stamp-uses", use: operations.useStamps)
        router.post("/v1/conversions", use: operations.convert)
        router.post("/v1/transactions/:id/cancel", use: operations.cancel)
        router.delete("/v1/prompt", use: operations.cancelPrompt)
        let queries = QueryRoutes(api: self)
        router.get("/v1/transactions", use: queries.transactions)
        router.get("/v1/stats/daily", use: queries.dailyStatistics)
        router.get("/v1/members/:id", use: queries.member)
        router.get("/v1/devices", use: queries.devices)
        router.get("/v1/health", use: queries.health)
        router.get("/v1/verify", use: queries.verify)
        let syncRoutes = SyncRoutes(api: self)
        router.get("/v1/sync", use: syncRoutes.status)
        router.post("/v1/sync/run", use: syncRoutes.runNow)
        router.post("/v1/sync/retry-dead", use: syncRoutes.retryDead)
        return router
    }

    /// The caller, who must hold at least `role`.
    func caller(_ context: APIRequestContext, needs role: Role, for action: String) async throws -> Caller {
        let credentials = await PeerCredentials.of(context.channel)
        let caller = Caller(credentials: credentials, role: roles.role(of: credentials))
        guard let granted = caller.role else {
            throw Problem.forbidden("this account may not use posagent; add it to the group for cashiers or managers")
        }
        guard granted >= role else {
            throw Problem.forbidden("\(action) is for managers; ask a manager, or add this account to the managers' group")
        }
        return caller
    }

    /// Whether to show whole phone numbers: only when the request asks (`unmasked=true`), and only to a manager.
    func unmasked(_ request: Request, for caller: Caller) throws -> Bool {
        guard request.uri.queryParameters.get("unmasked") == "true" else { return false }
        guard caller.role == .manager else { throw Problem.forbidden("whole phone numbers are for managers; leave out unmasked=true") }
        return true
    }

    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(try JSONEncoder.api.encode(value))
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}
