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
}
