/// The key events a US-layout keyboard-wedge scanner sends for a code: each character pressed and
/// released (inside Shift where it needs it), then Enter. Used by the simulator and by tests.
public enum KeyboardTyping {
    /// Nil when the text has a character no key of the table types (see `KeyCodeTable`).
    /// - Parameters:
    ///   - start: the first event's timestamp.
    ///   - interval: time from one key press to the next.
    public static func events(
        typing text: String, start: Duration = .zero, interval: Duration = .milliseconds(2), terminator: UInt16 = 28
    ) -> [InputEvent]? {
        var events: [InputEvent] = []
        var time = start
        for byte in text.utf8 {
            guard let key = KeyCodeTable.key(typing: byte) else { return nil }
            if key.shifted { events.append(.press(KeyCodeTable.leftShift, at: time)) }
            events.append(.press(key.code, at: time))
            events.append(.release(key.code, at: time))
            if key.shifted { events.append(.release(KeyCodeTable.leftShift, at: time)) }
            time += interval
        }
        events.append(.press(terminator, at: time))
        events.append(.release(terminator, at: time))
        return events
    }
}
