import Foundation
import SyncWire
import Testing
@testable import PosAgent

/// The server's answer is read by `JSONScanner`, not `JSONDecoder`; it must read what the decoder reads
/// and refuse what it refuses.
@Suite struct UploadAnswerTests {
    private func scanned(_ text: String) throws -> UploadAnswer {
        try Array(text.utf8).withUnsafeBytes { bytes throws(JSONScanner.Failure) in try UploadAnswer(json: bytes) }
    }

    /// The answer as `JSONDecoder` reads the shared wire type, as the central server writes it.
    private func decoded(_ text: String) throws -> UploadAnswer {
        try JSONDecoder().decode(UploadAnswer.self, from: Data(text.utf8))
    }

    @Test func theUsualAnswerIsReadWhole() throws {
        let ids = (0..<500).map { _ in UUID().uuidString.lowercased() }
        let text = #"{"accepted":["# + ids.map { "\"\($0)\"" }.joined(separator: ",") + #"],"duplicates":[],"rejected":[]}"#
        #expect(try scanned(text) == UploadAnswer(accepted: ids, duplicates: [], rejected: []))
    }

    /// The central server writes its answer by hand: both readers must read back what it wrote.
    @Test(arguments: [
        UploadAnswer(accepted: [], duplicates: [], rejected: []),
        UploadAnswer(accepted: (0..<500).map { _ in UUID().uuidString.lowercased() }, duplicates: ["d"], rejected: []),
        UploadAnswer(accepted: ["a"], duplicates: [], rejected: [
            .init(id: "q\"uote\\back/slash", code: "chain_broken", reason: "line\nbreak\r\ttab \u{01}\u{1f}\u{7f} 한글 😀"),
            .init(id: "", code: "malformed", reason: "the transaction does not have the shape of docs/sync-protocol.md: id is missing"),
        ]),
    ])
    func whatTheServerWritesIsReadBack(answer: UploadAnswer) throws {
        let text = answer.json()
        #expect(try JSONDecoder().decode(UploadAnswer.self, from: Data(text)) == answer)
        #expect(try text.withUnsafeBytes { bytes throws(JSONScanner.Failure) in try UploadAnswer(json: bytes) } == answer)
        #expect(!text.contains { $0 < 0x20 }, "no control character stands unescaped in the text")
    }

    @Test(arguments: [
        #"{"accepted":["a"],"duplicates":["b","c"],"rejected":[{"id":"d","code":"unknown_member","reason":"no such member"}]}"#,
        " {\n\t\"rejected\" : [ ] , \"duplicates\":[ ],\r\n\"accepted\" : [ \"x\" ] } ",
        #"{"accepted":[],"duplicates":[],"rejected":[],"server":{"time":"2026-11-23T09:00:00+09:00","load":[0.5,-1E+3,0,12e-2,true,false,null]}}"#,
        #"{"accepted":["\"quoted\"","back\\slash","\/","\b\f\n\r\t","\u00e9\u0041","\ud83d\ude00","é 한글"],"duplicates":[],"rejected":[]}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[{"reason":"r","note":{"a":[1,{"b":[]}]},"code":"c","id":"i"}]}"#,
    ])
    func itReadsWhatTheDecoderReads(text: String) throws {
        #expect(try scanned(text) == decoded(text))
    }

    @Test(arguments: [
        "",
        "[]",
        #"{"accepted":[],"duplicates":[]}"#,
        #"{"accepted":[1],"duplicates":[],"rejected":[]}"#,
        #"{"accepted":["a" "b"],"duplicates":[],"rejected":[]}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[]"#,
        #"{"accepted":[],"duplicates":[],"rejected":[]} x"#,
        #"{"accepted":["a],"duplicates":[],"rejected":[]}"#,
        "{\"accepted\":[\"a\u{01}\"],\"duplicates\":[],\"rejected\":[]}",
        #"{"accepted":["\x"],"duplicates":[],"rejected":[]}"#,
        #"{"accepted":["\u12"],"duplicates":[],"rejected":[]}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[{"id":"a","code":"c"}]}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[],"extra":tru}"#,
        #"{"accepted":[] "duplicates":[],"rejected":[]}"#,
        #"{"accepted" []}"#,
    ])
    func itRefusesWhatTheDecoderRefuses(text: String) {
        #expect(throws: (any Error).self) { try decoded(text) }
        #expect(throws: JSONScanner.Failure.self) { try scanned(text) }
    }

    /// Not JSON (RFC 8259), though `JSONDecoder` lets them pass.
    @Test(arguments: [
        #"{"accepted":["a",],"duplicates":[],"rejected":[]}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[],"extra":01}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[],"extra":1.}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[],"extra":-}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[],"extra":1e}"#,
    ])
    func itRefusesWhatIsNotJSON(text: String) {
        #expect(throws: JSONScanner.Failure.self) { try scanned(text) }
    }

    /// JSON leaves open which of two counts, and `JSONDecoder` takes the first; the agent takes neither.
    @Test(arguments: [
        #"{"accepted":["x"],"duplicates":[],"rejected":[],"accepted":["y"]}"#,
        #"{"accepted":[],"duplicates":["x"],"duplicates":[],"rejected":[]}"#,
        #"{"rejected":[],"accepted":[],"duplicates":[],"rejected":[{"id":"a","code":"c","reason":"r"}]}"#,
        #"{"accepted":[],"duplicates":[],"rejected":[{"id":"a","code":"c","reason":"r","id":"b"}]}"#,
    ])
    func aMemberNamedTwiceIsRefused(text: String) throws {
        #expect(throws: JSONScanner.Failure.self) { try scanned(text) }
        // JSONDecoder reads it, so only the scanner keeps the agent from guessing.
        #expect(throws: Never.self) { try decoded(text) }
    }

    @Test func unknownMembersMayRepeat() throws {
        let text = #"{"note":1,"accepted":["a"],"note":2,"duplicates":[],"rejected":[{"id":"i","x":0,"code":"c","x":1,"reason":"r"}]}"#
        #expect(try scanned(text) == UploadAnswer(accepted: ["a"], duplicates: [], rejected: [.init(id: "i", code: "c", reason: "r")]))
    }

    @Test func deepNestingIsRefusedNotFollowed() {
        let text = #"{"accepted":[],"duplicates":[],"rejected":[],"extra":"# + String(repeating: "[", count: 100_000) + "}"
        #expect(throws: JSONScanner.Failure.self) { try scanned(text) }
    }

    @Test func randomAnswersReadAsTheDecoderReadsThem() throws {
        var random = SplitMix(seed: 0x5EED)
        let alphabet = Array("ab\"\\/é한😀\n\t\u{7F}").map(String.init)
        func text() -> String { (0..<random.next(below: 8)).map { _ in alphabet[random.next(below: alphabet.count)] }.joined() }
        for _ in 0..<300 {
            let answer = UploadAnswer(
                accepted: (0..<random.next(below: 5)).map { _ in text() },
                duplicates: (0..<random.next(below: 3)).map { _ in text() },
                rejected: (0..<random.next(below: 3)).map { _ in .init(id: text(), code: text(), reason: text()) })
            let object: [String: Any] = [
                "accepted": answer.accepted, "duplicates": answer.duplicates,
                "rejected": answer.rejected.map { ["id": $0.id, "code": $0.code, "reason": $0.reason] },
                "extra": [text(): [random.next(below: 1_000), -2.5, true, NSNull(), [text(): text()]]],
            ]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: object, options: random.next(below: 2) == 0 ? [] : [.prettyPrinted]),
                              as: UTF8.self)
            #expect(try scanned(json) == answer, "\(json)")
            #expect(try scanned(json) == decoded(json))
        }
    }
}

extension SplitMix {
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
