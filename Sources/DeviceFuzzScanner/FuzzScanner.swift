import DeviceIO
import Foundation

/// libFuzzer target for the scanner line splitter and decoder (scripts/fuzz.sh builds it with
/// -DFUZZING). Built normally, it replays inputs given as file paths.
///
/// Beyond not crashing: lines never exceed the limit or contain a terminator, the split does not
/// depend on how reads cut the stream, and every accepted code is printable ASCII.
enum ScannerProperties {
    static func check(_ bytes: [UInt8]) {
        var whole = ScanLineSplitter()
        let expected = whole.feed(bytes)
        var bytewise = ScanLineSplitter()
        let pieces = bytes.flatMap { bytewise.feed([$0]) }
        precondition(pieces == expected, "reading byte by byte changed the lines")
        for output in expected {
            guard case .line(let line) = output else { continue }
            precondition(!line.isEmpty && line.count <= whole.maxLength, "a line broke the length bounds")
            precondition(!line.contains(0x0D) && !line.contains(0x0A), "a line kept its terminator")
        }
        var decoder = ScannerDecoder(debounceWindow: .zero)
        for event in decoder.feed(bytes, at: .now) {
            guard case .scanned(let barcode) = event else { continue }
            precondition(!barcode.value.isEmpty, "an empty code was accepted")
            precondition(barcode.value.utf8.allSatisfy { (0x20..<0x7F).contains($0) }, "a code with a non-printable byte was accepted")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ScannerProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayScanner {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            ScannerProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
