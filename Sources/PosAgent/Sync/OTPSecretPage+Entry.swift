import Foundation
import Loyalty
import SyncWire

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
