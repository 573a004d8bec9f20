import Foundation
import GRDB

/// A shop's loyalty ledger: every operation is one SQLite transaction that also queues its outbox row,
/// takes a client idempotency key, and checks its input before anything is written.
public struct Ledger: Sendable {
    public let database: LedgerDatabase
    public let policy: StorePolicy
    public let barcodeFormat: BarcodeFormat
    public let timeZone: TimeZone
    let clock: any LedgerClock

    public init(
        database: LedgerDatabase,
        policy: StorePolicy = StorePolicy(),
        barcodeFormat: BarcodeFormat = .standard,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Seoul") ?? .current,
        clock: any LedgerClock = SystemClock()
    ) throws(LedgerError) {
        self.database = database
        self.policy = try policy.validated()
        self.barcodeFormat = try barcodeFormat.validated()
        self.timeZone = timeZone
        self.clock = clock
    }

    /// Looks a member up without writing anything.
    public func member(_ key: MemberKey) async throws -> Member? {
        let key = try checked(key)
        return try await database.pool.read { db in try MemberStore.find(db, key) }
    }

    /// One transaction, looked up by id.
    public func transaction(_ id: Int64) async throws -> LedgerTransaction? {
        try await database.pool.read { db in try LedgerTransaction.fetch(db, id: id) }
    }

    /// Rejects a barcode that is not one of this shop's membership cards.
    func checked(_ key: MemberKey) throws(LedgerError) -> MemberKey {
        if case .barcode(let code) = key { try barcodeFormat.check(code) }
        return key
    }

    /// Runs `body` in one write transaction unless `key` was seen before with the same request; `audit`,
    /// if given, is recorded with the transaction in the same commit (a replay records nothing).
    func performOnce(
        key: IdempotencyKey, request: [String], audit: AuditNote? = nil,
        _ body: @escaping @Sendable (Database, Date) throws -> OperationResult
    ) async throws -> OperationResult {
        let fingerprint = IdempotencyStore.fingerprint(request)
        let clock = self.clock
        return try await storageErrors {
            try await commit { db in
                if let earlier = try IdempotencyStore.replay(db, key: key, fingerprint: fingerprint) {
                    return earlier
                }
                let now = clock.now()
                let result = try body(db, now)
                try IdempotencyStore.save(db, key: key, fingerprint: fingerprint, result: result, at: now)
                if let audit { try AuditStore.append(db, audit, at: now, transactionID: result.transaction.id) }
                return result
            }
        }
    }

    /// Applies the member's due expiries first, so every operation sees only live points.
    func expireDue(_ db: Database, member: Member, at now: Date) throws -> Member {
        try Expiry.apply(db, member: member, at: now)
    }

    func pointExpiry(from now: Date) -> Date? {
        policy.pointExpiryDays == 0 ? nil : now.addingTimeInterval(TimeInterval(policy.pointExpiryDays) * 86_400)
    }
}

/// Turns SQLite failures into ledger errors that say what to do; the ledger's own refusals pass through.
func storageErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as LedgerError {
        throw error
    } catch let error as DatabaseError {
        throw LedgerError(.storage, "the ledger database failed (\(error.resultCode)): \(error.message ?? "no detail"); nothing was written")
    }
}

func checkText(_ text: String, _ what: String, maxLength: Int = 200) throws(LedgerError) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.count <= maxLength, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
        throw LedgerError(.invalidReason, "\(what) must be 1 to \(maxLength) characters of text without control characters")
    }
    return trimmed
}
