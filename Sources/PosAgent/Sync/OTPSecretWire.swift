import Foundation
import Loyalty

/// The central server's answer to `GET …/otp-secrets` (docs/sync-protocol.md): a page of members' secrets
/// in `seq` order, and where the next page starts.
struct OTPSecretPage: Decodable, Sendable {
    /// One secret as sent. Everything but `seq` is optional here, so one incomplete secret is refused on its
    /// own instead of failing the page.
    struct Secret: Decodable, Sendable {
        struct Member: Decodable, Sendable {
            var phone: String?
            var barcode: String?
        }

        var seq: Int64
        var storeId: String?
        var member: Member?
        var secret: String?
        var algorithm: String?
        var digits: Int?
        var period: Int?
    }

    var secrets: [Secret]
    var nextCursor: String?

    /// The cursor to save with this page: `nextCursor` while more are waiting, else the last secret's
    /// `seq`, else (an empty page) none, keeping the saved one.
    var cursor: String? { nextCursor ?? secrets.last.map { String($0.seq) } }
}

extension OTPSecretPage.Secret {
    /// The entry to import. The server names this store by its sync id (`[sync] store_id`), which is
    /// `storeID` (`[store] id`) to the ledger; a secret for any other store stays another store's.
    func entry(syncStoreID: String, storeID: String) -> OTPFeedEntry {
        let key: MemberKey
        switch (member?.phone, member?.barcode) {
        case (let phone?, _):
            do throws(LedgerError) {
                key = .phone(try PhoneNumber(parsing: phone))
            } catch {
                return .unreadable(member: "phone (unreadable)", code: error.code.rawValue, reason: error.message)
            }
        case (nil, let barcode?):
            key = .barcode(barcode)
        case (nil, nil):
            return .unreadable(member: "none", code: "otp_no_member", reason: "secret \(seq) names no member (phone or barcode)")
        }
        let store = storeId == syncStoreID ? storeID : storeId ?? ""
        return .secret(ImportedOTPSecret(
            storeID: store, member: key, secret: secret ?? "", algorithm: algorithm ?? "SHA1", digits: digits ?? 6,
            period: period ?? 30))
    }
}
