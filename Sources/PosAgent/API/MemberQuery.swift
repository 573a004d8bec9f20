import Foundation
import Loyalty

extension MemberKey {
    /// A query's `member=`: a member id (digits without a leading 0), else a phone number in any of the
    /// ways one is written. A phone number always starts with 0 or +, so `01012345678` is a phone, never
    /// member 1012345678.
    /// A `+` after the first character is a space, as forms and most HTTP clients encode one
    /// (`010+1234+5678`); a leading `+` is the international prefix (`+82+10…`, or `%2B82%2010…`).
    init(queryValue sent: String) throws(LedgerError) {
        let text = sent.isEmpty ? sent : String(sent.prefix(1) + sent.dropFirst().replacingOccurrences(of: "+", with: " "))
        if let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
           let id = Int64(text) {
            self = .id(id)
        } else {
            self = .phone(try PhoneNumber(parsing: text))
        }
    }
}
