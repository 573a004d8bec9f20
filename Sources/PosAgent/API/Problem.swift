import Foundation
import HTTPTypes
import Hummingbird
import Loyalty
import NIOCore
import SyncWire

/// An RFC 9457 problem document: every error of the socket API, with a stable `code`, a `detail` that says
/// what to fix, and, where it helps, the transaction concerned.
struct Problem: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let detail: String
    var transactionID: Int64? = nil
    /// After a wrong manager PIN: how many more may be tried before the manager is locked.
    var remainingAttempts: Int? = nil
    /// For a locked manager: when the lock ends (RFC 3339), also sent as `Retry-After` seconds.
    var lockedUntil: String? = nil
    var retryAfterSeconds: Int? = nil
    /// For a method the path does not answer: the ones it does, sent as `Allow`.
    var allowedMethods: [HTTPRequest.Method]? = nil

    init(status: HTTPResponse.Status, code: String, detail: String, transactionID: Int64? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.transactionID = transactionID
    }

    private struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var code: String
        var detail: String
        var transactionId: Int64?
        var remainingAttempts: Int?
        var lockedUntil: String?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: "urn:posagent:problem:\(code)", title: status.reasonPhrase, status: status.code,
                        code: code, detail: detail, transactionId: transactionID, remainingAttempts: remainingAttempts,
                        lockedUntil: lockedUntil)
        var buffer = ByteBuffer()
        buffer.writeBytes(try JSONEncoder.api.encode(body))
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let allowedMethods { headers[.allow] = allowedMethods.map(\.rawValue).joined(separator: ", ") }
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    static func badRequest(_ code: String, _ detail: String) -> Problem { Problem(status: .badRequest, code: code, detail: detail) }
    static func forbidden(_ detail: String) -> Problem { Problem(status: .forbidden, code: "forbidden", detail: detail) }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> Problem {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        var problem = Problem(status: .methodNotAllowed, code: "method_not_allowed",
                              detail: "\(path) answers \(names), not \(method.rawValue); see docs/api.md")
        problem.allowedMethods = allowed
        return problem
    }

    /// The HTTP face of a ledger refusal.
    init(_ error: LedgerError) {
        let status: HTTPResponse.Status = switch error.code {
        case .memberNotFound, .transactionNotFound, .couponNotFound: .notFound
        case .alreadyCancelled, .pointsAlreadySpent, .notCancellable, .couponAlreadyRedeemed, .couponExpired, .couponVoid: .conflict
        case .invalidIdempotencyKey, .invalidQuery: .badRequest
        case .storage: .serviceUnavailable
        default: .unprocessableContent
        }
        self.init(status: status, code: error.code.rawValue, detail: error.message, transactionID: error.transactionID)
    }
}

extension Problem {
    /// The HTTP face of a manager registry refusal: 423 for a locked manager, 403 for a PIN or a role
    /// that does not allow the act.
    init(_ error: ManagerError, timeZone: TimeZone) {
        let status: HTTPResponse.Status = switch error.code {
        case .managerLocked: HTTPResponse.Status(code: 423, reasonPhrase: "Locked")
        case .wrongPIN, .unknownManager, .noManagers, .masterRequired: .forbidden
        case .managerNotFound: .notFound
        case .managerExists, .masterNotRemovable, .alreadyMaster: .conflict
        default: .unprocessableContent
        }
        self.init(status: status, code: error.code.rawValue, detail: error.message)
        remainingAttempts = error.remainingAttempts
        if let until = error.lockedUntil {
            lockedUntil = Timestamp.rfc3339(until, in: timeZone)
            retryAfterSeconds = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        }
    }
}

/// Turns every error into a problem document, so callers never parse two error formats.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The store's, for the times in problems (when a manager's lock ends).
    var timeZone: TimeZone = .gmt

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as LedgerError {
            throw Problem(error)
        } catch let error as ManagerError {
            throw Problem(error, timeZone: timeZone)
        } catch let error as OTPError {
            throw Problem(error)
        } catch let error as MarketingError {
            throw Problem(error)
        } catch is NIOTooManyBytesError {
            throw Problem(status: .contentTooLarge, code: "body_too_large", detail: "request bodies are at most 64 KiB; send less")
        } catch let error as HTTPError {
            throw Problem(status: error.status, code: "http_\(error.status.code)", detail: error.body ?? error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw Problem(status: .internalServerError, code: "internal", detail: "the agent failed to answer; see its log")
        }
    }
}

extension JSONEncoder {
    /// The socket API's JSON: sorted keys so answers are stable to compare.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
