import Loyalty

extension MemberReference {
    func key() throws -> MemberKey {
        switch (phone, barcode, id) {
        case (let phone?, nil, nil): return .phone(try PhoneNumber(parsing: phone))
        case (nil, let barcode?, nil): return .barcode(barcode)
        case (nil, nil, let id?): return .id(id)
        default:
            throw Problem.badRequest("bad_member", "member takes exactly one of phone, barcode or id; or leave it out to ask the customer at the tablet")
        }
    }
}
