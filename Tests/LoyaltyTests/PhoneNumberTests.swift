import Testing
@testable import Loyalty

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("010-1234-5678", "01012345678"),
        ("01012345678", "01012345678"),
        ("010 1234 5678", "01012345678"),
        ("+82 10 1234 5678", "01012345678"),
        ("+82-10-1234-5678", "01012345678"),
        ("+821012345678", "01012345678"),
        ("011-123-4567", "0111234567"),
        ("0161234567", "0161234567"),
        ("019-1234-5678", "01912345678"),
    ])
    func acceptsTheFormsCustomersType(input: String, normalized: String) throws {
        #expect(try PhoneNumber(parsing: input).digits == normalized)
    }

    @Test(arguments: ["", "010-1234-567", "010123456789", "02-123-4567", "0101234567", "012-123-4567",
                      "010-1234-56a8", "+1 10 1234 5678", "1012345678"])
    func refusesWhatIsNotAMobileNumber(input: String) {
        #expect(throws: LedgerError.self) { try PhoneNumber(parsing: input) }
    }

    @Test func masksTheMiddleGroup() throws {
        #expect(try PhoneNumber(parsing: "010-1234-5678").masked == "010-****-5678")
        #expect(try PhoneNumber(parsing: "011-123-4567").masked == "011-***-4567")
        #expect(try PhoneNumber(parsing: "01012345678").formatted == "010-1234-5678")
        #expect(try PhoneNumber(parsing: "01012345678").description == "010-****-5678")
    }

    @Test func errorMessagesDoNotRepeatTheNumber() {
        do {
            _ = try PhoneNumber(parsing: "010-9876-543")
            Issue.record("a short number was accepted")
        } catch {
            #expect(error.code == .invalidPhone)
            #expect(!error.message.contains("9876"))
        }
    }
}

@Suite struct BarcodeFormatTests {
    @Test func checksDigitsLengthPrefixAndLuhn() throws {
        let format = try BarcodeFormat(minLength: 8, maxLength: 16, prefix: "99", luhn: true).validated()
        #expect(throws: Never.self) { try format.check("9912345676") }
        #expect(throws: LedgerError.self) { try format.check("9912345675") }  // check digit off
        #expect(throws: LedgerError.self) { try format.check("8812345676") }  // wrong prefix
        #expect(throws: LedgerError.self) { try format.check("99123") }  // too short
        #expect(throws: LedgerError.self) { try format.check("99123ABC76") }  // not digits
    }

    @Test func luhnMatchesKnownNumbers() {
        #expect(BarcodeFormat.passesLuhn("79927398713"))
        #expect(!BarcodeFormat.passesLuhn("79927398710"))
    }

    @Test func refusesUnusableFormats() {
        #expect(throws: LedgerError.self) { try BarcodeFormat(minLength: 10, maxLength: 5).validated() }
        #expect(throws: LedgerError.self) { try BarcodeFormat(minLength: 0, maxLength: 5).validated() }
        #expect(throws: LedgerError.self) { try BarcodeFormat(minLength: 4, maxLength: 8, prefix: "A1").validated() }
    }
}
