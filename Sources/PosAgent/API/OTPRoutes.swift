import Foundation
import Hummingbird
import Loyalty
import SyncWire

/// One-time codes over the socket: a manager enrolls a member's authenticator app; a customer's code,
/// approved by a manager, collects or cancels stamps, accrues points or redeems a coupon (docs/otp.md).
struct OTPRoutes: Sendable {
    let api: SocketAPI
    var operations: OperationRoutes { OperationRoutes(api: api) }

    @Sendable func enroll(_ request: Request, context: APIRequestContext) async throws -> Response {
        let key = try operations.idempotencyKey(request)
        let body = try await JSONBody.decode(OTPEnrollmentBody.self, from: request, context: context)
        let member = try body.member.key()
        let caller = try await approver(request, context, for: "enrolling a member for one-time codes")
        let enrollment = try await api.otp.enroll(member, replace: body.replace ?? false, key: key, approval: caller.otpApproval)
        let view = OTPEnrollmentView(enrollment, issuer: api.otpIssuer, timeZone: api.timeZone)
        return try api.json(view, status: enrollment.replayed ? .ok : .created)
    }

    @Sendable func act(_ request: Request, context: APIRequestContext) async throws -> Response {
        let key = try operations.idempotencyKey(request)
        let body = try await JSONBody.decode(OTPActionBody.self, from: request, context: context)
        let action = try body.action.action()
        let caller = try await approver(request, context, for: "a one-time code")
        let unmasked = try await api.unmasked(request, caller)
        let prompted = body.member == nil || body.code == nil
        // A retried prompt flow answers from the first attempt without asking the customer again.
        if prompted, let earlier = try await operations.earlier(key, type: action.transactionType, payment: action.payment ?? 0) {
            return try operations.respond(earlier, unmasked: unmasked)
        }
        let member = try await operations.memberKey(body.member, title: "휴대폰 번호를 입력하세요", amount: action.payment)
        let code: String
        if let given = body.code {
            code = given
        } else {
            code = try await operations.afterPrompt(true) { try await api.desk.askCode(title: "앱에 표시된 6자리 코드를 입력하세요") }
        }
        let attempt = OTPAttempt(member: member, code: code, action: action, approval: caller.otpApproval)
        let result = try await operations.afterPrompt(prompted) { try await api.otp.perform(attempt, key: key) }
        return try await operations.committed(result, unmasked: unmasked, title: action.tabletTitle)
    }

    /// A manager to approve, once one is registered: alternate authentication works only then, whoever
    /// calls, and the answer says so before the customer is asked anything.
    private func approver(_ request: Request, _ context: APIRequestContext, for action: String) async throws -> Caller {
        let caller = try await api.caller(context, needs: .cashier, for: action)
        guard try await api.ledger.managers.hasManagers() else {
            throw OTPError(
                .noManagers,
                "one-time codes work only once a manager is registered to approve them; root or a member of the managers' group registers the first with posagent manager add")
        }
        return try await api.manager(request, caller, for: action)
    }
}

extension Caller {
    /// This caller as the approver of an OTP act.
    var otpApproval: OTPApproval { OTPApproval(actor: actor, manager: manager?.id, caller: account) }
}

extension OTPAction {
    /// The payment shown on the tablet while the customer is asked who they are.
    var payment: Won? {
        if case .accruePoints(let payment) = self { return payment }
        return nil
    }

    /// What the tablet says once the act is done.
    var tabletTitle: String {
        switch self {
        case .collectStamps: "스탬프 적립 완료"
        case .cancelStamps: "스탬프 취소 완료"
        case .accruePoints: "적립 완료"
        case .redeemCoupon: "쿠폰 사용 완료"
        }
    }
}

struct OTPEnrollmentBody: StrictBody {
    var member: MemberReference
    /// Make a new secret for a member who has one; the old one stops working.
    var replace: Bool?
    static let fields: Set<String> = ["member", "replace"]
    static let nested = ["member": MemberReference.fields]
}

struct OTPActionBody: StrictBody {
    /// Absent: the customer gives their phone on the tablet.
    var member: MemberReference?
    /// Absent: the customer types it on the tablet.
    var code: String?
    var action: OTPActionReference
    static let fields: Set<String> = ["member", "code", "action"]
    static let nested = [
        "member": MemberReference.fields, "action": OTPActionReference.fields,
        "action.accruePoints": OTPActionReference.Accrue.fields, "action.redeemCoupon": OTPActionReference.Redeem.fields,
    ]
}

/// What the code does: exactly one of `collectStamps` (a count), `cancelStamps` (a count),
/// `accruePoints` (`{"payment": won}`) or `redeemCoupon` (`{"code": "CP…"}`).
struct OTPActionReference: Decodable, Sendable {
    var collectStamps: Int64?
    var cancelStamps: Int64?
    var accruePoints: Accrue?
    var redeemCoupon: Redeem?

    struct Accrue: Decodable, Sendable {
        var payment: Int64
        static let fields: Set<String> = ["payment"]
    }

    struct Redeem: Decodable, Sendable {
        var code: String
        static let fields: Set<String> = ["code"]
    }

    static let fields: Set<String> = ["collectStamps", "cancelStamps", "accruePoints", "redeemCoupon"]

    func action() throws -> OTPAction {
        switch (collectStamps, cancelStamps, accruePoints, redeemCoupon) {
        case (let stamps?, nil, nil, nil): return .collectStamps(stamps)
        case (nil, let stamps?, nil, nil): return .cancelStamps(stamps)
        case (nil, nil, let accrue?, nil): return .accruePoints(payment: accrue.payment)
        case (nil, nil, nil, let redeem?): return .redeemCoupon(try CouponCode(parsing: redeem.code))
        default:
            throw Problem.badRequest(
                "bad_action", "action takes exactly one of collectStamps (a number of stamps), cancelStamps (a number of stamps), accruePoints ({\"payment\": won}) or redeemCoupon ({\"code\": \"CP…\"})")
        }
    }
}

/// The answer to an enrollment: the member, and the secret for their authenticator app, as a URI (for a QR
/// code) and in Base32 (to type).
struct OTPEnrollmentView: Codable, Sendable {
    var member: MemberView
    var secret: String
    var uri: String
    var issuer: String
    var enrolledAt: String
    var replayed: Bool

    init(_ enrollment: OTPEnrollment, issuer: String, timeZone: TimeZone) {
        member = MemberView(enrollment.member, unmasked: false)
        secret = enrollment.secret.base32
        uri = OTPAuthURI.make(base32: enrollment.secret.base32, issuer: issuer,
                              account: enrollment.member.phone?.masked ?? "member \(enrollment.member.id)")
        self.issuer = issuer
        enrolledAt = Timestamp.rfc3339(enrollment.enrolledAt, in: timeZone)
        replayed = enrollment.replayed
    }
}
