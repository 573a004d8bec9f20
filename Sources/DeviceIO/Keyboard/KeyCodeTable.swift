/// What a scanner's key codes type, by Linux key code (linux/input-event-codes.h) and not by the
/// desktop's layout: the agent reads the node before any keymap or input method, so a Korean or
/// German layout on the POS changes nothing.
///
/// The table is a US keyboard's, which is what scanners emulate out of the box: digits, letters,
/// space and the punctuation row with its shifted symbols (all of printable ASCII, which covers
/// Code 128 set B, Code 39 and the GS1 element strings), and the keypad's digits and operators
/// (scanners set to "keypad" or Alt-code emulation), read as if Num Lock were on.
enum KeyCodeTable {
    static let leftShift: UInt16 = 42
    static let rightShift: UInt16 = 54
    static let leftControl: UInt16 = 29
    static let rightControl: UInt16 = 97
    static let leftAlt: UInt16 = 56
    static let rightAlt: UInt16 = 100
    static let capsLock: UInt16 = 58
    static let numLock: UInt16 = 69
    static let enter: UInt16 = 28
    static let keypadEnter: UInt16 = 96
    static let tab: UInt16 = 15

    /// The ASCII byte a key types, with and without Shift; nil for a key that types nothing here.
    static func character(_ code: UInt16, shifted: Bool) -> UInt8? {
        guard let entry = keys[code] else { return nil }
        return shifted ? entry.shifted : entry.plain
    }

    /// The main-block key (and whether Shift is held) that types a byte: how a US-layout scanner
    /// types it. Keypad keys are never chosen, as scanners use them only when set to.
    static func key(typing byte: UInt8) -> (code: UInt16, shifted: Bool)? {
        typing[byte]
    }

    private static let typing: [UInt8: (code: UInt16, shifted: Bool)] = {
        var typing: [UInt8: (code: UInt16, shifted: Bool)] = [:]
        for (code, entry) in keys.sorted(by: { $0.key > $1.key }) {
            typing[entry.shifted] = (code, entry.shifted != entry.plain)
            typing[entry.plain] = (code, false)
        }
        return typing
    }()

    /// Keys that only change what others type; they never end or spoil a code.
    /// Every key a scanner presses to type what the table covers: the character keys, both Shifts,
    /// Enter, keypad Enter and Tab (what a virtual keyboard scanner must declare).
    static var typedKeys: [UInt16] {
        Set(typing.values.map(\.code)).union([leftShift, rightShift, enter, keypadEnter, tab]).sorted()
    }

    static func isModifier(_ code: UInt16) -> Bool {
        [leftShift, rightShift, leftControl, rightControl, leftAlt, rightAlt, capsLock, numLock].contains(code)
    }

    private static let keys: [UInt16: (plain: UInt8, shifted: UInt8)] = {
        var keys: [UInt16: (plain: UInt8, shifted: UInt8)] = [:]
        func row(_ first: UInt16, _ plain: String, _ shifted: String) {
            for (offset, pair) in zip(plain.utf8, shifted.utf8).enumerated() {
                keys[first + UInt16(offset)] = pair
            }
        }
        row(2, "1234567890-=", "!@#$%^&*()_+")        // KEY_1 … KEY_EQUAL
        row(16, "qwertyuiop[]", "QWERTYUIOP{}")       // KEY_Q … KEY_RIGHTBRACE
        row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~")      // KEY_A … KEY_GRAVE
        row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?")        // KEY_BACKSLASH … KEY_SLASH
        row(57, " ", " ")                              // KEY_SPACE
        row(71, "789-456+1230.", "789-456+1230.")     // KEY_KP7 … KEY_KPDOT
        row(55, "*", "*")                              // KEY_KPASTERISK
        row(98, "/", "/")                              // KEY_KPSLASH
        return keys
    }()
}
