import PropertyBased
import Testing
@testable import DeviceIO

/// A keyboard-wedge scanner's key events become the codes it scanned, and typing does not.
@Suite struct KeyboardDecoderTests {
    static func scans(_ events: [InputEvent], timeout: Duration = .milliseconds(50), tabEndsCode: Bool = false) -> [ScannerEvent] {
        var decoder = KeyboardScannerDecoder(interKeyTimeout: timeout, tabEndsCode: tabEndsCode, debounceWindow: .zero)
        return decoder.feed(events, at: .now)
    }

    static func typed(_ text: String, start: Duration = .zero, interval: Duration = .milliseconds(2), terminator: UInt16 = 28) -> [InputEvent] {
        KeyboardTyping.events(typing: text, start: start, interval: interval, terminator: terminator) ?? []
    }

    @Test func ean13() {
        #expect(Self.scans(Self.typed("8801234567893")) == [.scanned(Barcode(value: "8801234567893"))])
    }

    @Test func code128WithLettersAndShiftedCharacters() {
        let code = "Ab-12/x{Q}|~!@#$%^&*()_+:\"<>?"
        #expect(Self.scans(Self.typed(code)) == [.scanned(Barcode(value: code))])
    }

    @Test func aimPrefixIsStrippedAsOnTheSerialPath() {
        #expect(Self.scans(Self.typed("]E04006381333931")) == [.scanned(Barcode(value: "4006381333931", symbology: "E0"))])
    }

    @Test func keypadDigitsAndKeypadEnter() {
        // KP1 KP2 KP3 KP0 then KP_Enter: a scanner in keypad emulation.
        let events = [79, 80, 81, 82].enumerated().flatMap { index, code in
            [InputEvent.press(UInt16(code), at: .milliseconds(index)), .release(UInt16(code), at: .milliseconds(index))]
        } + [.press(96, at: .milliseconds(4))]
        #expect(Self.scans(events) == [.scanned(Barcode(value: "1230"))])
    }

    @Test func tabEndsACodeOnlyWhereTheRuleSaysSo() {
        let events = Self.typed("A-1", terminator: 15)
        #expect(Self.scans(events, tabEndsCode: true) == [.scanned(Barcode(value: "A-1"))])
        // Without the setting, Tab is a key that types nothing, and no Enter ever came.
        #expect(Self.scans(events + Self.typed("B-2", start: .milliseconds(20))) == [.rejected(.unmappedKey(15))])
    }

    @Test func slowTypingIsDroppedAndTheNextScanStillCounts() {
        let slow = Self.typed("12345", interval: .milliseconds(300))
        let scan = Self.typed("8801234567893", start: .seconds(5))
        #expect(Self.scans(slow + scan) == [
            .rejected(.typedSlowly(gap: .milliseconds(300), limit: .milliseconds(50))),
            .scanned(Barcode(value: "8801234567893")),
        ])
    }

    @Test func aPauseBeforeEnterMakesItTyping() {
        var events = Self.typed("4006381333931")
        let enter = events.suffix(2).map { InputEvent(type: $0.type, code: $0.code, value: $0.value, time: $0.time + .milliseconds(200)) }
        events = events.dropLast(2) + enter
        #expect(Self.scans(events).count == 1)
        #expect(Self.scans(events).first != .scanned(Barcode(value: "4006381333931")))
    }

    @Test func keysWithControlHeldAreRejected() {
        let events = [InputEvent.press(29, at: .zero), .press(30, at: .zero), .release(30, at: .zero), .release(29, at: .zero)]
            + Self.typed("12", start: .milliseconds(1))
        #expect(Self.scans(events) == [.rejected(.unmappedKey(30))])
    }

    @Test func autorepeatAndOtherEventTypesTypeNothing() {
        let noise = [
            InputEvent(type: 0x04, code: 4, value: 0x70004, time: .zero),   // EV_MSC MSC_SCAN
            InputEvent(type: InputEvent.keyType, code: 2, value: 2, time: .zero),   // autorepeat of 1
            InputEvent(type: 0x00, code: 0, value: 0, time: .zero),   // EV_SYN
        ]
        #expect(Self.scans(noise + Self.typed("77")) == [.scanned(Barcode(value: "77"))])
    }

    @Test func anOverlongCodeIsRejectedWithItsLength() {
        var decoder = KeyboardScannerDecoder(maxLength: 8, debounceWindow: .zero)
        #expect(decoder.feed(Self.typed("1234567890")) == [.rejected(.overlong(length: 10))])
        #expect(decoder.feed(Self.typed("123", start: .seconds(1))) == [.scanned(Barcode(value: "123"))])
    }

    @Test func recordsRoundTripThroughTheKernelLayout() {
        let event = InputEvent(type: 1, code: 28, value: 1, time: .seconds(1_700_000_000) + .microseconds(123_456))
        let record = InputEventReader.encode(event)
        #expect(record.count == InputEventReader.recordSize)
        var reader = InputEventReader()
        #expect(reader.feed(record.prefix(10)).isEmpty)
        #expect(reader.feed(record.dropFirst(10)) == [event])
    }

    // Properties: printable ASCII codes typed at scanner speed survive any cut of the byte stream.

    static let code = Gen<UInt8>.value(in: 0x20...0x7E).array(of: 1...40).map { String(decoding: $0, as: UTF8.self) }
        .map { $0.hasPrefix("]") ? "x" + $0 : $0 }
    static let cuts = Gen.int(in: 0...100_000).array(of: 0...6)

    @Test func typedCodesSurviveAnySplitOfTheRecords() async {
        await propertyCheck(input: Self.code.array(of: 1...5), Self.cuts) { codes, cuts in
            let events = codes.enumerated().flatMap { index, code in Self.typed(code, start: .seconds(index)) }
            let stream = events.flatMap(InputEventReader.encode)
            var reader = InputEventReader()
            var decoder = KeyboardScannerDecoder(debounceWindow: .zero)
            let scans = DecoderPropertyTests.pieces(stream, cutAt: cuts).flatMap { decoder.feed(reader.feed($0)) }
            #expect(scans == codes.map { .scanned(Barcode(value: $0)) })
        }
    }

    @Test func aGapPastTheTimeoutAnywhereDropsTheCode() async {
        await propertyCheck(input: Self.code, Gen.int(in: 0...40), Gen.int(in: 51...5000)) { code, position, gapMs in
            var events = Self.typed(code)
            let presses = events.indices.filter { events[$0].value == 1 && events[$0].code != KeyCodeTable.leftShift }
            guard presses.count > 1 else { return }
            let from = presses[1 + position % (presses.count - 1)]
            for index in events.indices where index >= from { events[index].time += .milliseconds(gapMs) }
            // Keys are typed 2 ms apart, so the gap is the pause plus those 2 ms.
            #expect(Self.scans(events) == [.rejected(.typedSlowly(gap: .milliseconds(gapMs + 2), limit: .milliseconds(50)))])
        }
    }
}
