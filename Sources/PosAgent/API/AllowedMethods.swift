import HTTPTypes
import Hummingbird

/// The methods each route's path answers, so that a known path asked with another method is told
/// 405 with `Allow`, as HTTP says, rather than 404 as if the path did not exist.
struct AllowedMethods: Sendable {
    private var routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)] = []

    /// Made by the same code that adds the routes to the real router, run once on a collector.
    init<Context: RequestContext>(of addRoutes: (RouteMethodCollector<Context>) -> Void) {
        let collector = RouteMethodCollector<Context>()
        addRoutes(collector)
        self = collector.allowed
    }

    fileprivate init() {}

    fileprivate mutating func add(_ path: RouterPath, _ method: HTTPRequest.Method) {
        if let index = routes.firstIndex(where: { $0.path == path }) {
            routes[index].methods.insert(method)
        } else {
            routes.append((path, [method]))
        }
    }

    /// The methods of the route that serves `path`, chosen as the router chooses (a literal segment
    /// before a capture), with HEAD wherever GET is (the router answers it); nil when no route has it.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        let best = routes
            .filter { route in
                route.path.components.count == segments.count
                    && zip(route.path.components, segments).allSatisfy { element, segment in element ~= segment }
            }
            .max { specificity($0.path, segments).lexicographicallyPrecedes(specificity($1.path, segments)) }
        guard var methods = best?.methods else { return nil }
        if methods.contains(.get) { methods.insert(.head) }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    /// 1 for each segment the path names literally, 0 for each it captures.
    private func specificity(_ path: RouterPath, _ segments: [Substring]) -> [Int] {
        zip(path.components, segments).map { element, segment in element == segment ? 1 : 0 }
    }
}

/// A stand-in router that only notes each route's path and method (see `AllowedMethods.init(of:)`).
final class RouteMethodCollector<Context: RequestContext>: RouterMethods {
    fileprivate var allowed = AllowedMethods()

    fileprivate init() {}

    @discardableResult func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        allowed.add(path, method)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self { self }
}

/// Turns the router's 404 for a path that exists into 405 with the methods it answers in `Allow`.
/// Added inside `ProblemMiddleware`, before the routes, so it also wraps the router's not-found answer.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let methods = allowed.methods(for: request.uri.path), !methods.contains(request.method) else { throw error }
            throw Problem.methodNotAllowed(request.method, path: request.uri.path, allowed: methods)
        }
    }
}
