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
    /// The key sealing members' OTP secrets, replaced by a reload; nil inside when none is configured
    /// (one-time codes are refused).
    var otpKey = CurrentOTPKey(nil)
    /// How authenticator apps name the shop.
    var otpIssuer = "posagent"
    /// Rung after each change to the marketing set, so the tablets' idle screens follow at once.
    var marketingChanges = MarketingChanges()

    /// One-time codes of members, for this store.
    var otp: MemberOTP { ledger.otp(key: otpKey.value, storeID: storeID) }
    /// The marketing images, on the shelf beside the ledger file.
    var marketing: MarketingSet { MarketingSet(ledger: ledger, shelf: ImageShelf(besideLedgerAt: ledger.database.path)) }

    func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: ProblemMiddleware(timeZone: timeZone))
        router.add(middleware: MethodNotAllowedMiddleware(allowed: AllowedMethods { addRoutes(to: $0) }))
        addRoutes(to: router)
        return router
    }

    /// Every route of the API; the cashier screen serves the same ones behind its session check.
    func addRoutes(to router: some RouterMethods<APIRequestContext>) {
        let operations = OperationRoutes(api: self)
        router.post("/v1/identify", use: operations.identify)
        router.post("/v1/accruals", use: operations.accrue)
        router.post("/v1/point-uses", use: operations.usePoints)
        router.post("/v1/stamp-uses", use: operations.useStamps)
        router.post("/v1/conversions", use: operations.convert)
        router.post("/v1/transactions/:id/cancel", use: operations.cancel)
        router.delete("/v1/prompt", use: operations.cancelPrompt)
        router.post("/v1/vouchers", use: operations.issueVoucher)
        router.post("/v1/coupon-redemptions", use: operations.redeemCoupon)
        router.post("/v1/coupon-redemptions/:id/cancel", use: operations.cancelRedemption)
        let queries = QueryRoutes(api: self)
        router.get("/v1/transactions", use: queries.transactions)
        router.get("/v1/stats/daily", use: queries.dailyStatistics)
        router.get("/v1/members/:id", use: queries.member)
        router.get("/v1/coupons", use: queries.coupons)
        router.get("/v1/coupons/:code", use: queries.coupon)
        router.get("/v1/devices", use: queries.devices)
        router.get("/v1/health", use: queries.health)
        router.get("/v1/verify", use: queries.verify)
        let syncRoutes = SyncRoutes(api: self)
        router.get("/v1/sync", use: syncRoutes.status)
        router.post("/v1/sync/run", use: syncRoutes.runNow)
        router.post("/v1/sync/retry-dead", use: syncRoutes.retryDead)
        let managerRoutes = ManagerRoutes(api: self)
        router.get("/v1/managers", use: managerRoutes.list)
        router.post("/v1/managers", use: managerRoutes.add)
        router.delete("/v1/managers/:id", use: managerRoutes.remove)
        router.put("/v1/managers/:id/pin", use: managerRoutes.changePIN)
        router.post("/v1/managers/transfer-master", use: managerRoutes.transferMaster)
        router.post("/v1/managers/recover-master", use: managerRoutes.recoverMaster)
        router.get("/v1/audit", use: managerRoutes.audit)
        let otpRoutes = OTPRoutes(api: self)
        router.post("/v1/otp/enrollments", use: otpRoutes.enroll)
        router.post("/v1/otp/actions", use: otpRoutes.act)
        let marketingRoutes = MarketingRoutes(api: self)
        router.get("/v1/marketing/images", use: marketingRoutes.list)
        router.post("/v1/marketing/images", use: marketingRoutes.add)
        router.get("/v1/marketing/images/:id", use: marketingRoutes.image)
        router.get("/v1/marketing/images/:id/content", use: marketingRoutes.content)
        router.post("/v1/marketing/images/:id/show", use: marketingRoutes.show)
        router.post("/v1/marketing/images/:id/hide", use: marketingRoutes.hide)
        router.delete("/v1/marketing/images/:id", use: marketingRoutes.remove)
        router.put("/v1/marketing/order", use: marketingRoutes.reorder)
    }

    /// The caller, who must hold at least `role`.
    func caller(_ context: APIRequestContext, needs role: Role, for action: String) async throws -> Caller {
        let caller: Caller
        if let signedIn = context.signedIn {
            caller = signedIn
        } else {
            let credentials = await PeerCredentials.of(context.channel)
            caller = Caller(credentials: credentials, role: roles.role(of: credentials))
        }
        guard let granted = caller.role else {
            throw Problem.forbidden("this account may not use posagent; add it to the group for cashiers or managers")
        }
        guard granted >= role else {
            throw Problem.forbidden("\(action) is for managers; ask a manager, or add this account to the managers' group")
        }
        return caller
    }

    /// A caller who may do what needs a manager: a manager by peer credentials, or any caller whose request
    /// carries a registered manager's id and PIN (`X-Manager-Id`, `X-Manager-Pin`) and then acts as that
    /// manager. Given credentials are always checked, even from a manager by peer credentials.
    func manager(_ request: Request, _ context: APIRequestContext, for action: String) async throws -> Caller {
        try await manager(request, try await caller(context, needs: .cashier, for: action), for: action)
    }

    /// The same for a caller this request already made (`caller(_:needs:for:)`), who may be one.
    func manager(_ request: Request, _ caller: Caller, for action: String) async throws -> Caller {
        var caller = caller
        if let manager = try await authenticatedManager(request, caller) {
            caller.manager = manager
            return caller
        }
        guard caller.role == .manager else {
            let how = try await ledger.managers.hasManagers()
                ? "have a manager give their id and PIN (X-Manager-Id and X-Manager-Pin headers; --manager ID on the command line)"
                : "no manager is registered for id-and-PIN approval yet (root or the managers' group registers the first with posagent manager add)"
            throw Problem.forbidden("\(action) is for managers; \(how), or add this account to the managers' group")
        }
        return caller
    }

    /// The manager whose id and PIN the request carries, checked; nil when it carries none.
    func authenticatedManager(_ request: Request, _ caller: Caller) async throws -> AuthenticatedManager? {
        guard let credentials = try ManagerCredentials(request.headers) else { return nil }
        return try await ledger.managers.authenticate(credentials.id, pin: credentials.pin, caller: caller.account)
    }

    /// Records an act that needs a manager and commits nothing else (whole phone numbers, CSV export).
    func audit(_ action: AuditAction, by caller: Caller, subject: String? = nil) async throws {
        try await ledger.auditLog.append(AuditNote(action, manager: caller.manager?.id, caller: caller.account, subject: subject))
    }

    /// Whether to show whole phone numbers: only when the request asks (`unmasked=true`), only to a manager
    /// (by peer credentials, or by id and PIN, checked once per request: `caller` is the request's, and may
    /// already be an approved manager), and audited.
    /// Whether the answer shows whole phone numbers (`?unmasked=true`): allowed for a manager (or with a
    /// manager's id and PIN) and audited. Operations ask before they write anything, so a refusal never
    /// follows a commit.
    func unmasked(_ request: Request, _ caller: Caller) async throws -> Bool {
        switch request.uri.queryParameters.getAll("unmasked") {
        case [], ["false"]: return false
        case ["true"]: break
        default: throw Problem.badRequest("invalid_query", "unmasked is true or false, given once; leave it out for masked phone numbers")
        }
        let approver = caller.manager != nil ? caller : try await manager(request, caller, for: "showing whole phone numbers")
        try await audit(.unmaskedPhones, by: approver, subject: request.uri.path)
        return true
    }

    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(try JSONEncoder.api.encode(value))
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}
