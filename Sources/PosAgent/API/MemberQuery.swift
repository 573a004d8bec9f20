import Loyalty

extension MemberKey {
    /// A query's `member=`: a member id (digits without a leading 0), else a phone number in any of the
    /// ways one is written. A phone number always starts with 0 or +, so `01012345678` is a phone, never
    /// member 1012345678.
    init(queryValue text: String) throws(LedgerError) {
        if let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
           let id = Int64(text) {
            self = .id(id)
        } else {
            self = .phone(try PhoneNumber(parsing: text))
        }
    }
}
