import Foundation
import Testing
@testable import PosAgent

/// The socket API's body reader, on the bodies JSONSerialization and JSONDecoder read differently.
@Suite struct StrictBodyReaderTests {
    private func refusal(_ text: String) -> BodyRefusal? {
        do {
            _ = try StrictBodyReader.decode(PointUseBody.self, from: Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// JSONSerialization keeps the last of two, JSONDecoder the first: the unknown field and the null would pass unseen.
    @Test(arguments: [
        #"{"member":{"phone":"010-1234-5678","email":"x"},"member":{},"payment":1}"#,
        #"{"member":{"id":1},"payment":100,"points":null,"points":5}"#,
        #"{"member":{"id":1,"id":2},"payment":100}"#,
        #"{"member":{"id":1},"payment":100,"pay\u006dent":5}"#,
    ])
    func aFieldNamedTwiceIsRefused(text: String) {
        #expect(refusal(text)?.code == "bad_json")
        #expect(refusal(text)?.detail.contains("twice") == true)
    }

    @Test func aTrailingCommaIsRefused() {
        #expect(refusal(#"{"member":{"id":1},"payment":100,}"#)?.code == "bad_json")
    }

    @Test func aBodyNamingEachFieldOnceIsRead() throws {
        let body = try StrictBodyReader.decode(PointUseBody.self, from: Data(#"{"member":{"id":7},"payment":100,"points":5}"#.utf8))
        #expect(body == PointUseBody(member: MemberReference(id: 7), payment: 100, points: 5))
    }
}
