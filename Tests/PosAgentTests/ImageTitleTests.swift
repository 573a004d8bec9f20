import SyncWire
import Testing

/// One rule for an image's title, at the shop and at the chain.
@Suite struct ImageTitleTests {
    @Test func aTitleIsTrimmedAndKeptUpToItsLength() {
        #expect(ImageTitle.checked("  봄 이벤트 \n") == "봄 이벤트")
        #expect(ImageTitle.checked("") == "")
        #expect(ImageTitle.checked(String(repeating: "가", count: 100)) == String(repeating: "가", count: 100))
        #expect(ImageTitle.checked("👩‍👩‍👧‍👦 가족 할인") == "👩‍👩‍👧‍👦 가족 할인", "a family emoji is one character")
    }

    @Test(arguments: [String(repeating: "가", count: 101), "봄\u{0007}이벤트", "tab\tinside", "line\nbreak inside"])
    func aLongerTitleOrOneWithAControlCharacterIsRefused(_ title: String) {
        #expect(ImageTitle.checked(title) == nil)
    }
}
