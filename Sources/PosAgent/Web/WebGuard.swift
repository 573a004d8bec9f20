import Foundation
import HTTPTypes
import Hummingbird

/// The cashier screen's outer wall, before any route: the Host must be this loopback listener (a page on
/// another site that rebinds its DNS name to 127.0.0.1 sends its own name), a request that says it comes
/// from another origin is refused, and every answer carries headers that keep the page to itself.
struct WebGuard: RouterMiddleware {
    typealias Context = APIRequestContext
    /// `127.0.0.1:8620`, `localhost:8620`: what a browser on this PC writes as the Host.
    let authorities: Set<String>

    init(address: String, port: Int) {
        authorities = [WebAddress.authority(address, port: port), "localhost:\(port)"]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.secure(&response.headers)
        return response
    }

    private func check(_ request: Request) throws {
        guard let host = request.head.authority, authorities.contains(host.lowercased()) else {
            throw Problem(status: .forbidden, code: "foreign_host",
                          detail: "the cashier screen answers only at http://\(authorities.sorted().first ?? "127.0.0.1"); open it by that address")
        }
        let origin = "http://\(host.lowercased())"
        if let claimed = request.headers[.origin] {
            guard claimed.lowercased() == origin else { throw Self.foreignOrigin }
        } else if let referer = request.headers[.referer] {
            guard Self.origin(of: referer) == origin else { throw Self.foreignOrigin }
        }
    }

    static let foreignOrigin = Problem(
        status: .forbidden, code: "foreign_origin",
        detail: "requests to the cashier screen must come from its own page; another site may not use it")

    /// `http://host:port` of a URL, lowercased; nil when it has none.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed)\(port)".lowercased()
    }

    /// Own scripts, styles and connections only; never framed; nothing cached; no MIME sniffing.
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.init("Referrer-Policy")!] = "same-origin"
        headers[.cacheControl] = "no-store"
    }
}
