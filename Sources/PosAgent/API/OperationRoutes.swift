import Foundation
import Hummingbird
import Loyalty

/// The POST routes: each needs an Idempotency-Key, checks the caller's role, and commits one operation.
struct OperationRoutes: Sendable {
    let api: SocketAPI
    var ledger: Ledger { api.ledger }

    @Sendable func identify(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try await api.caller(context, needs: .cashier, for: "identifying a member")
        let body = try await JSONBody.decode(IdentifyBody.self, from: request, context: context)
        let key = try await memberKey(body.member, title: "휴대폰 번호를 입력하세요", amount: nil)
        let member = try await afterPrompt(body.member == nil) {
            guard let member = try await ledger.member(key) else {
                throw LedgerError(.memberNotFound, "no member has \(key); a purchase with this phone or card enrolls them")
            }
            return member
        }
        if body.member == nil { await api.desk.showMessage("회원 확인: 포인트 \(grouped(member.points)), 스탬프 \(member.stamps)개") }
        return try api.json(["member": MemberView(member, unmasked: try await api.unmasked(request, caller))])
    }

    @Sendable func accrue(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try await api.caller(context, needs: .cashier, for: "accrual")
        let unmasked = try await api.unmasked(request, caller)
        let key = try idempotencyKey(request)
        let body = try await JSONBody.decode(AccrualBody.self, from: request, context: context)
        if body.member == nil, let earlier = try await earlier(key, type: .accrual, payment: body.payment) {
            return try respond(earlier, unmasked: unmasked)
        }
        let member = try await memberKey(body.member, title: "적립할 휴대폰 번호를 입력하세요", amount: body.payment)
        let result = try await afterPrompt(body.member == nil) {
            try await ledger.accrue(Accrual(member: member, payment: body.payment, actor: caller.actor), key: key)
        }
        return try await committed(result, unmasked: unmasked)
    }

    @Sendable func usePoints(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try await api.caller(context, needs: .cashier, for: "point use")
        let unmasked = try await api.unmasked(request, caller)
        let key = try idempotencyKey(request)
        let body = try await JSONBody.decode(PointUseBody.self, from: request, context: context)
        if body.member == nil || body.points == nil, let earlier = try await earlier(key, type: .pointUse, payment: body.payment) {
            return try respond(earlier, unmasked: unmasked)
        }
        let member = try await memberKey(body.member, title: "포인트를 사용할 휴대폰 번호를 입력하세요", amount: body.payment)
        let prompted = body.member == nil || body.points == nil
        let points: Points
        if let given = body.points {
            points = given
        } else {
            let found = try await afterPrompt(prompted) {
                guard let found = try await ledger.member(member) else {
                    throw LedgerError(.memberNotFound, "no member has \(member); points can only be used by a member")
                }
                return found
            }
            points = try await api.desk.askPoints(title: "사용할 포인트를 입력하세요", balance: found.points, amount: body.payment)
        }
        let use = PointUse(member: member, payment: body.payment, points: points, actor: caller.actor)
        return try await committed(try await afterPrompt(prompted) { try await ledger.usePoints(use, key: key) }, unmasked: unmasked)
    }

    @Sendable func useStamps(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try await api.caller(context, needs: .cashier, for: "stamp use")
        let unmasked = try await api.unmasked(request, caller)
        let key = try idempotencyKey(request)
        let body = try await JSONBody.decode(StampUseBody.self, from: request, context: context)
        if body.member == nil, let earlier = try await earlier(key, type: .stampUse, payment: 0) {
            return try respond(earlier, unmasked: unmasked)
        }
        let member = try await memberKey(body.member, title: "스탬프를 사용할 휴대폰 번호를 입력하세요", amount: nil)
        let use = StampUse(member: member, stamps: body.stamps, actor: caller.actor)
        return try await committed(try await afterPrompt(body.member == nil) { try await ledger.useStamps(use, key: key) }, unmasked: unmasked)
    }

    @Sendable func convert(_ request: Request, context: APIRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        let body = try await JSONBody.decode(ConversionBody.self, from: request, context: context)
        let caller = try await api.manager(request, context, for: "direct conversion")
        let unmasked = try await api.unmasked(request, caller)
        let conversion = Conversion(member: try body.member.key(), points: body.points ?? 0, stamps: body.stamps ?? 0,
                                    reason: body.reason, actor: caller.actor)
        let audit = AuditNote(.conversion, manager: caller.manager?.id, caller: caller.account, detail: body.reason)
        return try await committed(try await ledger.convert(conversion, key: key, audit: audit), unmasked: unmasked)
    }

    @Sendable func cancel(_ request: Request, context: APIRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw Problem.badRequest("bad_transaction", "the transaction id in the path must be a whole number")
        }
        let body = try await JSONBody.decode(CancelBody.self, from: request, context: context)
        let caller = try await api.manager(request, context, for: "cancellation")
        let unmasked = try await api.unmasked(request, caller)
        let cancellation = Cancellation(transactionID: id, reason: body.reason, actor: caller.actor)
        let audit = AuditNote(.cancellation, manager: caller.manager?.id, caller: caller.account, subject: "transaction \(id)",
                              detail: body.reason)
        return try await committed(try await ledger.cancel(cancellation, key: key, audit: audit), unmasked: unmasked)
    }

    @Sendable func cancelPrompt(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "cancelling a prompt")
        guard await api.desk.cancelPrompt() else {
            throw Problem(status: .notFound, code: "no_prompt", detail: "no prompt is pending on the tablet")
        }
        return try api.json(["cancelled": true])
    }

    // MARK: Shared steps (also of the coupon routes)

    func idempotencyKey(_ request: Request) throws -> IdempotencyKey {
        guard let raw = request.headers[.init("Idempotency-Key")!] else {
            throw Problem.badRequest("missing_idempotency_key", "every POST needs an Idempotency-Key header (a new UUID per request; the same one when retrying)")
        }
        return try IdempotencyKey(raw)
    }

    /// The member the body names, or the one the customer gives at the tablet.
    func memberKey(_ reference: MemberReference?, title: String, amount: Won?) async throws -> MemberKey {
        if let reference { return try reference.key() }
        return try await api.desk.identifyCustomer(title: title, amount: amount)
    }

    /// After the customer answered at the tablet, a refusal is shown there too, so the tablet never
    /// keeps a prompt nobody waits for.
    func afterPrompt<T>(_ prompted: Bool, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            if prompted { await api.desk.showMessage("처리할 수 없습니다. 직원에게 문의해 주세요") }
            throw error
        }
    }

    /// A retried prompt flow answers from the first attempt without prompting again.
    func earlier(_ key: IdempotencyKey, type: TransactionType, payment: Won) async throws -> OperationResult? {
        guard let earlier = try await ledger.earlierResult(for: key) else { return nil }
        guard earlier.transaction.type == type, earlier.transaction.payment == payment else {
            throw LedgerError(.idempotencyConflict, "idempotency key '\(key)' was already used for a different request; use a new key")
        }
        return earlier
    }

    /// `caller`: the request's, perhaps a manager already checked, so whole phone numbers need no second check.
    /// `title`: what the tablet calls the act when the transaction's type does not say it.
    func committed(_ result: OperationResult, unmasked: Bool, title: String? = nil) async throws -> Response {
        if !result.replayed {
            // The customer's screen first: woken earlier, the uploader's reads, upload and write would
            // compete with the result frame for the store PC's cores and disk.
            await api.desk.showResult(result, title: title)
            await api.sync?.trigger.nudge()
            // The cashier screens show the upload backlog, which just grew.
            api.desk.changes.changed()
        }
        return try respond(result, unmasked: unmasked)
    }

    /// `unmasked`: decided (and allowed, and audited) by `SocketAPI.unmasked` before the operation.
    func respond(_ result: OperationResult, unmasked: Bool) throws -> Response {
        try api.json(OperationView(result, timeZone: api.timeZone, unmasked: unmasked), status: .ok)
    }
}
