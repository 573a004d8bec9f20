import Foundation
import SyncWire

/// libFuzzer target for the phone number rule (scripts/fuzz.sh builds it with -DFUZZING). Built
/// normally, it replays inputs given as file paths; `swift test` replays the committed corpus.
///
/// Beyond not crashing: a number read is 10 or 11 digits starting 01 and reads again as itself, in its
/// grouped and its +82 forms; the separators people type never change the outcome; the masked and
/// redacted forms hide what they promise to.
enum PhoneNumberProperties {
    static let separators: Set<UInt8> = Set(" -.()\t".utf8)

    static func check(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let number = KoreanMobileNumber.normalized(text)
        let bare = String(decoding: text.utf8.filter { !separators.contains($0) }, as: UTF8.self)
        precondition(KoreanMobileNumber.normalized(bare) == number, "leaving out the separators changed the number read")
        checkRedacted(text)
        guard let digits = number else { return }
        let ascii = Array(digits.utf8)
        precondition(ascii.count == 10 || ascii.count == 11, "a number read is not 10 or 11 digits")
        precondition(ascii.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }, "a number read holds a non-digit")
        precondition(digits.hasPrefix("01"), "a number read does not start 01")
        precondition(KoreanMobileNumber.normalized(digits) == digits, "a number read does not read again as itself")
        let grouped = "\(digits.prefix(3))-\(digits.dropFirst(3).dropLast(4))-\(digits.suffix(4))"
        precondition(KoreanMobileNumber.normalized(grouped) == digits, "the grouped form reads as another number")
        precondition(KoreanMobileNumber.normalized("+82 " + digits.dropFirst()) == digits, "the +82 form reads as another number")
        let masked = KoreanMobileNumber.masked(digits)
        precondition(masked.hasPrefix(digits.prefix(3) + "-") && masked.hasSuffix("-" + digits.suffix(4)), "the masked form lost its ends")
        precondition(masked.filter(\.isNumber).count == 7, "the masked form shows more than the first three and last four digits")
    }

    /// An error message shows at most the last four characters of what was typed.
    private static func checkRedacted(_ text: String) {
        let redacted = KoreanMobileNumber.redacted(text)
        guard text.count > 4 else { return }
        // Scalars, not characters: a combining mark that ends the text joins the last star's character.
        let shown = text.suffix(4).unicodeScalars
        precondition(redacted.unicodeScalars.elementsEqual(redacted.unicodeScalars.prefix(redacted.unicodeScalars.count - shown.count) + shown),
                     "the redacted form lost the last four characters")
        precondition(redacted.unicodeScalars.dropLast(shown.count).allSatisfy { $0 == "*" }, "the redacted form shows more than the last four characters")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPhoneNumber(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PhoneNumberProperties.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum ReplayPhoneNumber {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let contents = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            PhoneNumberProperties.check(Array(contents))
            print("ok \(path)")
        }
    }
}
#endif
