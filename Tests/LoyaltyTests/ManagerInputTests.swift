import Testing
@testable import Loyalty

@Suite struct ManagerInputTests {
    @Test func managerIDsAreLettersAndDigitsUpTo50InLowerCase() throws {
        #expect(try ManagerID(parsing: "Kim2").rawValue == "kim2")
        #expect(try ManagerID(parsing: String(repeating: "a", count: 50)).rawValue.count == 50)
        for bad in ["", "kim lee", "kim-lee", "kim_lee", "김민수", "kim/..", String(repeating: "a", count: 51)] {
            #expect(throws: ManagerError.self, "\(bad)") { try ManagerID(parsing: bad) }
        }
    }

    @Test func emailsAreChecked() throws {
        #expect(try EmailAddress(parsing: " Kim.Lee+shop@Example.CO.KR ").rawValue == "Kim.Lee+shop@example.co.kr")
        for bad in ["", "kim", "kim@", "@example.com", "kim@example", "kim@@example.com", "kim lee@example.com",
                    "kim@exa mple.com", ".kim@example.com", "kim..lee@example.com", "kim@-example.com", "kim@example.c0m",
                    "kim@example..com", String(repeating: "k", count: 65) + "@example.com"] {
            let error = #expect(throws: ManagerError.self, "\(bad)") { try EmailAddress(parsing: bad) }
            #expect(error?.code == .invalidEmail)
        }
    }

    @Test func pinsAre6To128CharactersWithoutControls() throws {
        _ = try ManagerPIN("123456")
        _ = try ManagerPIN("correct horse battery staple")
        _ = try ManagerPIN(String(repeating: "9", count: 128))
        for bad in ["", "12345", "12345\n", "123\u{7}456", String(repeating: "9", count: 129)] {
            let error = #expect(throws: ManagerError.self) { try ManagerPIN(bad) }
            #expect(error?.code == .invalidPIN)
            #expect(error?.message.contains(bad) == false || bad.isEmpty, "the message never repeats the PIN")
        }
    }
}
