import Foundation
import GRDB

/// One secret of a page the central server sent: a secret to import, or one the agent could not read
/// (no member, say), which is refused like an invalid one.
public enum OTPFeedEntry: Sendable, Hashable {
    case secret(ImportedOTPSecret)
    case unreadable(member: String, code: String, reason: String)
}

/// A secret of a page that was not imported, and why. `member` is masked; the secret is never kept.
public struct OTPImportRefusal: Sendable, Hashable {
    public var member: String
    public var code: String
    public var reason: String
}

/// What came of one page: how many secrets were stored, and the ones refused.
public struct OTPFeedPageResult: Sendable, Hashable {
    public var imported: Int
    public var refusals: [OTPImportRefusal]
}

extension MemberOTP {
    /// Applies one page of the central server's secrets and saves `cursor` (where the next page starts;
    /// nil keeps the saved one) in the same SQLite transaction: after a crash the page is either wholly
    /// applied, cursor included, or not at all and is fetched again. A refused secret (another store,
    /// other parameters, not Base32, no member) is counted, audited as `otp_import_refused` with the
    /// masked member, and does not stop the others.
    public func importFeedPage(_ entries: [OTPFeedEntry], cursor: String?, caller: String) async throws -> OTPFeedPageResult {
        let key = try requireKey()
        var checked: [CheckedImport] = []
        var refusals: [OTPImportRefusal] = []
        for entry in entries {
            switch entry {
            case .unreadable(let member, let code, let reason):
                refusals.append(OTPImportRefusal(member: member, code: code, reason: reason))
            case .secret(let imported):
                do {
                    checked.append(try checkedImport(imported))
                } catch let error as OTPError {
                    refusals.append(OTPImportRefusal(member: imported.member.description, code: error.code.rawValue, reason: error.message))
                } catch let error as LedgerError {
                    refusals.append(OTPImportRefusal(member: imported.member.description, code: error.code.rawValue, reason: error.message))
                }
            }
        }
        let storeID = self.storeID, clock = ledger.clock
        let prepared = checked, refused = refusals
        try await storageErrors {
            try await ledger.database.pool.write { db in
                let now = clock.now()
                for secret in prepared {
                    _ = try Self.store(db, secret, key: key, storeID: storeID, caller: caller, at: now)
                }
                for refusal in refused {
                    try AuditStore.append(
                        db, AuditNote(.otpImportRefused, manager: nil, caller: caller, subject: refusal.member,
                                      detail: "\(refusal.code): \(refusal.reason)"), at: now)
                }
                try OTPFeedStore.advance(db, cursor: cursor, imported: prepared.count, refusals: refused, at: now)
            }
        }
        return OTPFeedPageResult(imported: checked.count, refusals: refusals)
    }
}

extension AuditAction {
    /// A secret from the central server that was not imported, with why.
    public static let otpImportRefused = AuditAction(rawValue: "otp_import_refused")
}
