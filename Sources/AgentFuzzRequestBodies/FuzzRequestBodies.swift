import Foundation
import SyncWire

/// libFuzzer target for the socket API's strict body reader (`StrictBodyReader`) over the checkout and
/// coupon bodies, whose sources are linked in from Sources/PosAgent/API (JSONScanner is SyncWire's). The first byte picks the body
/// type, the rest is the body. scripts/fuzz.sh builds it with -DFUZZING; built normally, it replays inputs
/// given as file paths; `swift test` replays the committed corpus.
///
/// Beyond not crashing: every refusal has one of the four codes the API documents; a body accepted,
/// encoded again, reads as the same body; the checks saw what the decoder read (the body as
/// `JSONSerialization` reads it decodes the same); and the same body with an unknown field added is refused.
enum RequestBodyProperties {
    static let codes: Set<String> = ["missing_body", "bad_json", "unknown_field", "bad_field"]

    static func check(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let body = Data(bytes.dropFirst())
        switch selector % 8 {
        case 0: check(IdentifyBody.self, body)
        case 1: check(AccrualBody.self, body)
        case 2: check(PointUseBody.self, body)
        case 3: check(StampUseBody.self, body)
        case 4: check(ConversionBody.self, body)
        case 5: check(CancelBody.self, body)
        case 6: check(VoucherBody.self, body)
        default: check(RedemptionBody.self, body)
        }
    }

    private static func check<Body: StrictBody & Encodable & Equatable>(_ type: Body.Type, _ data: Data) {
        let read: Body
        do {
            read = try StrictBodyReader.decode(Body.self, from: data)
        } catch {
            precondition(codes.contains(error.code), "a refusal with the undocumented code \(error.code)")
            precondition(!error.detail.isEmpty, "a refusal without a detail")
            return
        }
        guard let encoded = try? JSONEncoder().encode(read) else { preconditionFailure("an accepted body does not encode") }
        precondition((try? StrictBodyReader.decode(Body.self, from: encoded)) == read, "an accepted body, encoded again, reads differently")
        guard let object = try? JSONSerialization.jsonObject(with: data),
              let seen = try? JSONSerialization.data(withJSONObject: object)
        else { preconditionFailure("an accepted body is not JSON") }
        precondition((try? JSONDecoder().decode(Body.self, from: seen)) == read, "the checks saw another body than the decoder read")
        // The first '{' opens the body's own object: nothing but whitespace comes before it.
        guard let open = data.firstIndex(of: UInt8(ascii: "{")) else { preconditionFailure("a body accepted that is not an object") }
        var widened = data
        widened.insert(contentsOf: Array(#""zz_not_a_field":0,"#.utf8), at: open + 1)
        do {
            _ = try StrictBodyReader.decode(Body.self, from: widened)
            preconditionFailure("a body with an unknown field was accepted")
        } catch {
            precondition(error.code == "unknown_field" || error.code == "bad_json", "an unknown field was refused as \(error.code)")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestBodies(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    RequestBodyProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayRequestBodies {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            RequestBodyProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
