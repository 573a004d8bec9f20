import Foundation
import Hummingbird
import Loyalty

/// The cashier screen on loopback TCP: its page, sign-in with the store's cashier PIN, the live feed, and
/// the socket API's own routes behind the session check — the same handlers, with the session as caller.
struct WebScreen: Sendable {
    let api: SocketAPI
    let sessions: WebSessions
    let pin: CashierPIN
    let address: String
    let port: Int
    let storeName: String

    func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: WebGuard(address: address, port: port))
        router.add(middleware: ProblemMiddleware(timeZone: api.timeZone))
        router.add(middleware: MethodNotAllowedMiddleware(allowed: AllowedMethods { addRoutes(to: $0) }))
        addRoutes(to: router)
        return router
    }

    /// The page, its session, and the socket API's routes behind the session check.
    func addRoutes(to router: some RouterMethods<APIRequestContext>) {
        for asset in WebAssets.all {
            router.get(RouterPath(asset.path)) { _, _ in asset.response() }
        }
        router.post("/web/session", use: signIn)
        let signedIn = router.group().add(middleware: WebSessionCheck(sessions: sessions))
        signedIn.get("/web/session", use: describeSession)
        signedIn.delete("/web/session", use: signOut)
        signedIn.get("/web/events") { _, _ in ScreenFeed(desk: api.desk, ledger: api.ledger).response() }
        api.addRoutes(to: signedIn)
    }

    struct SignInBody: StrictBody {
        var pin: String
        static let fields: Set<String> = ["pin"]
    }

    @Sendable func signIn(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(SignInBody.self, from: request, context: context)
        if let wait = await sessions.lockedFor() {
            throw Problem(status: .tooManyRequests, code: "too_many_attempts",
                          detail: "too many wrong PINs; try again in \(wait.components.seconds + 1) s")
        }
        switch pin.check(body.pin) {
        case .unusable(let reason):
            api.logger.error("the cashier screen cannot sign anyone in", metadata: ["reason": "\(reason)"])
            throw Problem(status: .serviceUnavailable, code: "no_cashier_pin", detail: reason)
        case .refused:
            await sessions.wrongPIN()
            api.logger.notice("cashier screen: a wrong PIN was entered")
            throw Problem(status: .unauthorized, code: "wrong_pin", detail: "the PIN is not the store's cashier PIN; try again")
        case .accepted:
            let session = await sessions.open(role: .cashier)
            api.logger.info("cashier screen: signed in")
            var response = try api.json(SessionView(session, screen: self))
            response.setCookie(Cookie(
                name: WebSessionCheck.cookieName, value: session.id, maxAge: Int(sessions.lifetime.components.seconds),
                path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
    }

    @Sendable func describeSession(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let id = request.cookies[WebSessionCheck.cookieName]?.value, let session = await sessions.session(id) else {
            throw Problem(status: .unauthorized, code: "signed_out", detail: "sign in on the cashier screen")
        }
        return try api.json(SessionView(session, screen: self))
    }

    @Sendable func signOut(_ request: Request, context: APIRequestContext) async throws -> Response {
        if let id = request.cookies[WebSessionCheck.cookieName]?.value { await sessions.close(id) }
        var response = try api.json(["signedOut": true])
        response.setCookie(Cookie(name: WebSessionCheck.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// What the page needs to work: its CSRF token, and the store's rules to explain refusals in words.
    struct SessionView: Encodable {
        struct Rules: Encodable {
            var minUsePoints: Int64
            var useUnit: Int64
            var maxUseSharePercent: Double
            var maxPayment: Int64
            var stampCardSize: Int64
        }
        var role: Role
        var csrfToken: String
        var store: String
        var storeName: String
        var rules: Rules

        init(_ session: WebSessions.Session, screen: WebScreen) {
            let policy = screen.api.ledger.policy
            role = session.role
            csrfToken = session.csrfToken
            store = screen.api.storeID
            storeName = screen.storeName
            rules = Rules(minUsePoints: policy.minUsePoints, useUnit: policy.useUnit,
                          maxUseSharePercent: Double(policy.maxUseShareBP) / 100, maxPayment: policy.maxPayment,
                          stampCardSize: policy.stampCardSize)
        }
    }
}
