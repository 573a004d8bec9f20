import Testing
@testable import PosAgentCentral

/// What ingest refuses in one transaction on its own, before the chain: the member's phone by the agent's rule.
struct RowCheckTests {
    private func code(phone: String?, barcode: String? = nil) -> String? {
        RowCheck.problem(linked([transaction("accrual", at: "2026-03-02T10:00:00.000+09:00", phone: phone, barcode: barcode)])[0])?.code
    }

    @Test(arguments: ["01012345678", "0111234567", "0169876543"])
    func aNormalizedMobileNumberIsAMember(_ phone: String) {
        #expect(code(phone: phone) == nil)
    }

    @Test(arguments: [
        "0212345678",  // a Seoul landline: never a member's phone at the shop
        "010-1234-5678",  // written as people do, not as the agent sends it
        "+821012345678", "0101234567", "010123456789", "123456789", "０１０１２３４５６７８",
    ])
    func anythingElseIsABadMember(_ phone: String) {
        #expect(code(phone: phone) == "bad_member")
    }

    @Test func aCardOnlyMemberNeedsItsBarcode() {
        #expect(code(phone: nil, barcode: "CARD-77") == nil)
        #expect(code(phone: nil, barcode: "") == "bad_member")
        #expect(code(phone: nil, barcode: nil) == "bad_member")
    }

    @Test(arguments: ["3f2b8c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9b", "3F2B8C1E-7A4D-4E2F-9B1A-0C5D6E7F8A9B"])
    func aUUIDInEitherCaseIsAnID(_ id: String) {
        #expect(RowCheck.isUUID(id))
    }

    @Test(arguments: [
        "{3f2b8c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9b}", "3f2b8c1e7a4d4e2f9b1a0c5d6e7f8a9b", "3f2b8c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9",
        "3f2b8c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9g", "3f2b8c1e7-a4d-4e2f-9b1a-0c5d6e7f8a9b", "3f2b8c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9ｂ", "",
    ])
    func anythingElseIsABadID(_ id: String) {
        #expect(!RowCheck.isUUID(id))
        var row = linked([transaction("accrual", at: "2026-03-02T10:00:00.000+09:00")])[0]
        row.id = id
        #expect(RowCheck.problem(row)?.code == "bad_id")
    }

    @Test func aHashIsSixtyFourLowerCaseHexDigits() {
        #expect(RowCheck.isHash(String(repeating: "0123456789abcdef", count: 4)))
        #expect(!RowCheck.isHash(String(repeating: "0123456789ABCDEF", count: 4)))
        #expect(!RowCheck.isHash(String(repeating: "a", count: 63)) && !RowCheck.isHash(String(repeating: "a", count: 65)))
        #expect(!RowCheck.isHash(String(repeating: "a", count: 63) + "g"))
    }
}
