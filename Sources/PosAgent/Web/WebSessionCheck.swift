import HTTPTypes
import Hummingbird

/// In front of everything a signed-in cashier does on the screen: the session cookie must name an open
/// session, and a request that changes anything must carry that session's CSRF token. The caller the
/// API's routes see is the session's, in place of the socket's peer credentials.
struct WebSessionCheck: RouterMiddleware {
    typealias Context = APIRequestContext
    let sessions: WebSessions

    static let cookieName = "posagent_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// How a signed-in screen is recorded as a transaction's actor.
    static let actor = "cashier screen"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let id = request.cookies[Self.cookieName]?.value, let session = await sessions.session(id) else {
            throw Problem(status: .unauthorized, code: "signed_out", detail: "sign in on the cashier screen with the store's cashier PIN")
        }
        if ![.get, .head].contains(request.method) {
            guard let token = request.headers[Self.csrfHeader], Secrets.equal(token, session.csrfToken) else {
                throw Problem(status: .forbidden, code: "csrf",
                              detail: "a change on the cashier screen needs the page's X-CSRF-Token; reload the page")
            }
        }
        var context = context
        context.signedIn = Caller(credentials: nil, role: session.role, signedInAs: Self.actor)
        return try await next(request, context)
    }
}
