/// Turns a keyboard-wedge scanner's key events into lines, the way the scanner meant them.
///
/// Presses of mapped keys add a character (Shift held or not); Enter or keypad Enter ends a line,
/// and Tab too when `tabEndsCode`. A line is dropped as typing, not a scan, when any key of it
/// (its terminator included) came more than `interKeyTimeout` after the one before: a scanner
/// types a whole code in a burst. Times are the kernel's event timestamps, so the decision does
/// not depend on how late the agent got to read them.
public struct KeyboardDecoder: Sendable {
    public enum Output: Hashable, Sendable {
        /// The characters of one code, without its terminator; never empty.
        case line([UInt8])
        case rejected(ScanRejection)
    }

    public let maxLength: Int
    public let interKeyTimeout: Duration
    public let tabEndsCode: Bool

    private var line: [UInt8] = []
    private var length = 0
    private var shiftsDown: Set<UInt16> = []
    private var othersDown: Set<UInt16> = []
    private var lastPress: Duration?
    private var slowestGap: Duration?
    private var unmapped: UInt16?

    public init(maxLength: Int = 128, interKeyTimeout: Duration = .milliseconds(50), tabEndsCode: Bool = false) {
        self.maxLength = maxLength
        self.interKeyTimeout = interKeyTimeout
        self.tabEndsCode = tabEndsCode
    }

    public mutating func feed<Events: Sequence<InputEvent>>(_ events: Events) -> [Output] {
        var outputs: [Output] = []
        for event in events where event.type == InputEvent.keyType {
            if let output = handle(event) { outputs.append(output) }
        }
        return outputs
    }

    private mutating func handle(_ event: InputEvent) -> Output? {
        let code = event.code
        if KeyCodeTable.isModifier(code) {
            let isShift = code == KeyCodeTable.leftShift || code == KeyCodeTable.rightShift
            switch (event.value, isShift) {
            case (0, true): shiftsDown.remove(code)
            case (0, false): othersDown.remove(code)
            case (_, true): shiftsDown.insert(code)
            case (_, false): othersDown.insert(code)
            }
            return nil
        }
        // Releases and autorepeats carry no characters; a scanner never holds a key.
        guard event.value == 1 else { return nil }
        noteTiming(event.time)
        if code == KeyCodeTable.enter || code == KeyCodeTable.keypadEnter || (tabEndsCode && code == KeyCodeTable.tab) {
            return finishLine()
        }
        length += 1
        let character = othersDown.isEmpty ? KeyCodeTable.character(code, shifted: !shiftsDown.isEmpty) : nil
        if let character {
            if line.count < maxLength { line.append(character) }
        } else if unmapped == nil {
            unmapped = code
        }
        return nil
    }

    private mutating func noteTiming(_ time: Duration) {
        defer { lastPress = time }
        // The first key of a line has nothing before it to be slow after.
        guard length > 0, let lastPress else { return }
        let gap = time - lastPress
        if gap > interKeyTimeout, gap > (slowestGap ?? .zero) { slowestGap = gap }
    }

    private mutating func finishLine() -> Output? {
        defer {
            line.removeAll(keepingCapacity: true)
            length = 0
            slowestGap = nil
            unmapped = nil
        }
        guard length > 0 else { return nil }
        if let slowestGap { return .rejected(.typedSlowly(gap: slowestGap, limit: interKeyTimeout)) }
        if let unmapped { return .rejected(.unmappedKey(unmapped)) }
        if length > maxLength { return .rejected(.overlong(length: length)) }
        return .line(line)
    }
}
