import DeviceIO
import Foundation

/// libFuzzer target for the tablet frame decoder (scripts/fuzz.sh builds it with -DFUZZING).
/// Built normally, it replays inputs given as file paths, e.g. a crash libFuzzer saved.
///
/// Beyond not crashing, it checks what the link layer relies on: the decoder's result does not
/// depend on how reads split the stream, every frame it reports is within the size limit and free
/// of control bytes, and such a frame encodes back to bytes that decode to itself.
enum FrameProperties {
    static func check(_ bytes: [UInt8]) {
        var whole = FrameDecoder()
        let expected = whole.feed(bytes)
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        var split = FrameDecoder()
        let pieces = split.feed(bytes[..<cut]) + split.feed(bytes[cut...])
        precondition(pieces == expected, "a split read changed what was decoded")
        for event in expected {
            guard case .frame(let payload) = event else { continue }
            precondition(payload.count <= FrameFormat.maxPayloadLength, "an oversize frame was accepted")
            precondition(!payload.contains { $0 < 0x20 }, "a frame with a control byte was accepted")
            guard let again = try? FrameFormat.encode(payload: payload) else { preconditionFailure("an accepted frame cannot be re-encoded") }
            var decoder = FrameDecoder()
            precondition(decoder.feed(again) == [.frame(payload)], "a re-encoded frame did not decode to itself")
            _ = try? TabletMessage(wire: payload)
            _ = try? AgentMessage(wire: payload)
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrames(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FrameProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayFrames {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            FrameProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
