import DeviceIO
import Foundation

/// libFuzzer target for the keyboard-wedge decoding (scripts/fuzz.sh builds it with -DFUZZING):
/// the input is read as raw `input_event` records, as from an evdev node. Built normally, it
/// replays inputs given as file paths.
///
/// Beyond not crashing: how reads cut the records changes nothing, and every accepted code is
/// printable ASCII within the length limit.
enum KeyProperties {
    static func check(_ bytes: [UInt8]) {
        var whole = InputEventReader()
        let events = whole.feed(bytes)
        precondition(events.count == bytes.count / InputEventReader.recordSize, "a whole record was not read")
        var bytewise = InputEventReader()
        precondition(bytes.flatMap { bytewise.feed([$0]) } == events, "reading byte by byte changed the events")

        var decoder = KeyboardScannerDecoder(debounceWindow: .zero)
        let start = ContinuousClock.now
        let scans = decoder.feed(events, at: start)
        var eventwise = KeyboardScannerDecoder(debounceWindow: .zero)
        precondition(events.flatMap { eventwise.feed([$0], at: start) } == scans, "feeding event by event changed the scans")
        for scan in scans {
            guard case .scanned(let barcode) = scan else { continue }
            precondition(!barcode.value.isEmpty && barcode.value.utf8.count <= 128, "a code broke the length bounds")
            precondition(barcode.value.utf8.allSatisfy { (0x20..<0x7F).contains($0) }, "a code with a non-printable byte was accepted")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    KeyProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayKeys {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            KeyProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
