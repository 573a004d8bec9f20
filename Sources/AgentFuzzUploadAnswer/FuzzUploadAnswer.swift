import Foundation
import SyncWire

/// libFuzzer target for the upload answer reader (`JSONScanner`, `UploadAnswer(json:)`), whose two
/// sources are linked in from Sources/PosAgent/Sync. scripts/fuzz.sh builds it with -DFUZZING; built
/// normally, it replays inputs given as file paths; `swift test` replays the committed corpus.
///
/// Beyond not crashing: on every answer `JSONDecoder` reads that is valid JSON (`JSONSerialization` reads
/// it too; `JSONDecoder` does not look inside strings it skips), the scanner reads the same answer (or
/// refuses nesting deeper than it follows, a member named twice, or a trailing comma); an answer the scanner reads, encoded again, reads the same
/// with both.
enum UploadAnswerProperties {
    static func check(_ bytes: [UInt8]) {
        let data = Data(bytes)
        let scanned = bytes.withUnsafeBytes { json in Result { () throws(JSONScanner.Failure) in try UploadAnswer(json: json) } }
        if let decoded = try? JSONDecoder().decode(UploadAnswer.self, from: data), (try? JSONSerialization.jsonObject(with: data)) != nil {
            switch scanned {
            case .success(let answer):
                precondition(answer == decoded, "the scanner and JSONDecoder read different answers")
            case .failure(let failure):
                let allowed = failure.description.contains("nested") || failure.description.contains("twice")
                    || endsAfterComma(bytes, failure)
                precondition(allowed, "the scanner refused an answer JSONDecoder reads: \(failure)")
            }
        }
        guard case .success(let answer) = scanned else { return }
        guard let encoded = try? JSONEncoder().encode(answer) else { preconditionFailure("an answer read does not encode") }
        let again = Array(encoded).withUnsafeBytes { json in try? UploadAnswer(json: json) }
        precondition(again == answer, "an answer read, encoded again, reads differently")
        precondition((try? JSONDecoder().decode(UploadAnswer.self, from: encoded)) == answer, "JSONDecoder reads an encoded answer differently")
    }

    /// Foundation's parsers take a trailing comma (`[1,]`), which RFC 8259 and the scanner do not.
    private static func endsAfterComma(_ bytes: [UInt8], _ failure: JSONScanner.Failure) -> Bool {
        guard let offset = failure.description.split(separator: " ").last.flatMap({ Int($0) }), offset < bytes.count,
              bytes[offset] == UInt8(ascii: "]") || bytes[offset] == UInt8(ascii: "}")
        else { return false }
        return bytes[..<offset].last { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } == UInt8(ascii: ",")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUploadAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    UploadAnswerProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayUploadAnswer {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            UploadAnswerProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
