import Foundation
import GRDB

extension MemberOTP {
    /// Checks a customer's code and, when it is right, performs the act in the same SQLite transaction.
    ///
    /// A code is right for the step it was shown in, the one before or the one after (30 s each way for
    /// clocks that differ); it is accepted once, and so is no earlier one (the last used step is kept). Five
    /// codes per member in ten minutes, right or wrong, and the sixth is refused unchecked. Wrong and replayed
    /// codes count, and are in the audit log, even though the act is refused. A right code whose act fails
    /// (too few stamps, say) is not used up.
    public func perform(_ attempt: OTPAttempt, key idempotency: IdempotencyKey) async throws -> OperationResult {
        let member = try ledger.checked(attempt.member)
        let code = try Self.checkedCode(attempt.code)
        try check(attempt.action)
        let actor = try checkText(attempt.approval.actor, "the approver", maxLength: 100)
        let key = try requireKey()
        let fingerprint = IdempotencyStore.fingerprint(["otp_action", member.fingerprint, code, attempt.action.fingerprint, actor])
        let storeID = self.storeID, clock = ledger.clock, ledger = self.ledger
        let approval = attempt.approval, action = attempt.action
        let outcome: Result<OperationResult, any Error> = try await storageErrors {
            try await ledger.commit { db in
                if let earlier = try IdempotencyStore.replay(db, key: idempotency, fingerprint: fingerprint) {
                    return .success(earlier)
                }
                try Self.requireManagers(db)
                let now = clock.now()
                let found = try MemberStore.require(db, member)
                guard let record = try OTPStore.find(db, memberID: found.id) else {
                    throw OTPError(.notEnrolled, "\(found.maskedIdentity) has no OTP secret at this store; enroll them first (posagent member otp-enroll)")
                }
                func refuse(_ error: OTPError, _ detail: String) throws -> Result<OperationResult, any Error> {
                    try AuditStore.append(db, AuditNote(.otpRefused, manager: approval.manager, caller: approval.caller,
                                                        subject: "member #\(found.id)", detail: "\(detail); \(action.summary)"), at: now)
                    return .failure(error)
                }
                let tried = try OTPStore.recentAttempts(db, memberID: found.id, since: now.addingTimeInterval(-Self.attemptWindow))
                if tried.count >= Self.maxAttempts {
                    let retryAt = tried[tried.count - Self.maxAttempts].addingTimeInterval(Self.attemptWindow)
                    let wait = max(1, Int(retryAt.timeIntervalSince(now).rounded(.up)))
                    return try refuse(OTPError(
                        .rateLimited,
                        "\(Self.maxAttempts) codes were tried for \(found.maskedIdentity) in the last \(Int(Self.attemptWindow / 60)) minutes; the next may be tried in \(wait) s",
                        retryAt: retryAt), "not checked: \(Self.maxAttempts) codes in \(Int(Self.attemptWindow / 60)) minutes")
                }
                let secret = try OTPSealing.open(record.sealed, key: key, storeID: storeID, memberID: found.id)
                let matching = Self.matchingSteps(code, secret: secret, at: now)
                let remaining = Self.maxAttempts - tried.count - 1
                guard !matching.isEmpty else {
                    try OTPStore.recordAttempt(db, memberID: found.id, outcome: "wrong", at: now)
                    return try refuse(OTPError(
                        .invalid,
                        "the code is not \(found.maskedIdentity)'s code for now; check the digits and that the app is for this store (\(remaining) more \(remaining == 1 ? "try" : "tries") in \(Int(Self.attemptWindow / 60)) minutes)",
                        remainingAttempts: remaining), "wrong code")
                }
                guard let step = matching.first(where: { $0 > (record.lastUsedStep ?? .min) }) else {
                    try OTPStore.recordAttempt(db, memberID: found.id, outcome: "replayed", at: now)
                    return try refuse(OTPError(
                        .replayed,
                        "this code was used already; ask the customer for the next one their app shows (a new one every \(TOTP.period) s)",
                        remainingAttempts: remaining), "code used already")
                }
                try OTPStore.recordAttempt(db, memberID: found.id, outcome: "accepted", at: now)
                do {
                    var committed: OperationResult?
                    try db.inSavepoint {
                        let result = try Self.act(action, on: found, ledger: ledger, db, actor: actor, at: now)
                        try OTPStore.markUsed(db, memberID: found.id, step: step)
                        try IdempotencyStore.save(db, key: idempotency, fingerprint: fingerprint, result: result, at: now)
                        try AuditStore.append(db, AuditNote(.otpAction, manager: approval.manager, caller: approval.caller,
                                                            subject: "member #\(found.id)", detail: action.summary),
                                              at: now, transactionID: result.transaction.id)
                        committed = result
                        return .commit
                    }
                    guard let committed else { throw LedgerError(.storage, "the act committed no transaction") }
                    return .success(committed)
                } catch let error as LedgerError where error.code != .storage {
                    // The attempt stays counted; the act and the use of the code are rolled back.
                    return .failure(error)
                }
            }
        }
        return try outcome.get()
    }

    /// The steps, of the one before to the one after `now`'s, whose code is `code`, oldest first.
    static func matchingSteps(_ code: String, secret: OTPSecret, at now: Date) -> [Int64] {
        let totp = TOTP(secret: secret), current = TOTP.step(at: now), typed = Array(code.utf8)
        return (current - 1...current + 1).filter { constantTimeEqual(Array(totp.code(step: $0).utf8), typed) }
    }

    /// What can be refused before the ledger is touched.
    private func check(_ action: OTPAction) throws(LedgerError) {
        switch action {
        case .collectStamps(let stamps), .cancelStamps(let stamps):
            guard (1...Ledger.maxStampsAtOnce).contains(stamps) else {
                throw LedgerError(.invalidAmount, "the stamps to collect or cancel must be 1 to \(Ledger.maxStampsAtOnce), not \(stamps)")
            }
        case .accruePoints(let payment):
            try ledger.policy.checkPayment(payment)
            _ = try ledger.policy.points(forPayment: payment)
        case .redeemCoupon:
            break  // The code's format was checked when it was read (CouponCode); the coupon is the ledger's to check.
        }
    }

    /// The act as an ordinary transaction of the ledger, with the approver as its actor and the act as its reason.
    private static func act(_ action: OTPAction, on member: Member, ledger: Ledger, _ db: Database, actor: String,
                            at now: Date) throws -> OperationResult {
        let reason = "one-time code: \(action.summary)"
        switch action {
        case .collectStamps(let stamps):
            return try ledger.commitConversion(db, member: member, points: 0, stamps: stamps, actor: actor, reason: reason, at: now)
        case .cancelStamps(let stamps):
            return try ledger.commitStampUse(db, member: member, stamps: stamps, actor: actor, reason: reason, at: now)
        case .accruePoints(let payment):
            return try ledger.commitAccrual(db, member: member, payment: payment, actor: actor, reason: reason, at: now)
        case .redeemCoupon(let code):
            return try ledger.commitRedemption(db, code: code, holder: member, actor: actor, reason: reason, at: now)
        }
    }
}
