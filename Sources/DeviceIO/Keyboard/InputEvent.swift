/// One `struct input_event` from an evdev node (linux/input.h), with its kernel timestamp.
public struct InputEvent: Hashable, Sendable {
    /// EV_KEY, EV_SYN, EV_MSC, …
    public var type: UInt16
    /// For EV_KEY, the Linux key code (KEY_1 = 2, KEY_ENTER = 28, …).
    public var code: UInt16
    /// For EV_KEY: 1 press, 0 release, 2 autorepeat.
    public var value: Int32
    /// When the kernel stamped it, from the record's `struct timeval`.
    public var time: Duration

    public static let keyType: UInt16 = 0x01

    public init(type: UInt16, code: UInt16, value: Int32, time: Duration) {
        self.type = type
        self.code = code
        self.value = value
        self.time = time
    }

    /// A key press (EV_KEY, value 1).
    public static func press(_ code: UInt16, at time: Duration) -> InputEvent {
        InputEvent(type: keyType, code: code, value: 1, time: time)
    }

    /// A key release (EV_KEY, value 0).
    public static func release(_ code: UInt16, at time: Duration) -> InputEvent {
        InputEvent(type: keyType, code: code, value: 0, time: time)
    }
}

/// Cuts the bytes read from an evdev node into `input_event` records of the 64-bit layout:
/// `struct timeval` (two 64-bit words), `__u16 type`, `__u16 code`, `__s32 value`, little-endian.
///
/// The kernel hands out whole records, but a partial one is kept for the next read rather than
/// trusted to never happen.
public struct InputEventReader: Sendable {
    public static let recordSize = 24
    private var pending: [UInt8] = []

    public init() {}

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [InputEvent] {
        pending.append(contentsOf: bytes)
        let whole = pending.count / Self.recordSize * Self.recordSize
        var events: [InputEvent] = []
        events.reserveCapacity(whole / Self.recordSize)
        var offset = 0
        while offset < whole {
            events.append(Self.decode(pending[offset..<offset + Self.recordSize]))
            offset += Self.recordSize
        }
        pending.removeFirst(whole)
        return events
    }

    /// The 24-byte record of an event, as the kernel writes it (for tests and simulators).
    public static func encode(_ event: InputEvent) -> [UInt8] {
        let (seconds, attoseconds) = event.time.components
        let microseconds = attoseconds / 1_000_000_000_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recordSize)
        append(UInt64(bitPattern: seconds), to: &bytes)
        append(UInt64(bitPattern: microseconds), to: &bytes)
        append(event.type, to: &bytes)
        append(event.code, to: &bytes)
        append(UInt32(bitPattern: event.value), to: &bytes)
        return bytes
    }

    private static func decode(_ record: ArraySlice<UInt8>) -> InputEvent {
        let base = record.startIndex
        let seconds = Int64(bitPattern: word(record, base, 8))
        let microseconds = Int64(bitPattern: word(record, base + 8, 8))
        return InputEvent(
            type: UInt16(word(record, base + 16, 2)),
            code: UInt16(word(record, base + 18, 2)),
            value: Int32(bitPattern: UInt32(word(record, base + 20, 4))),
            time: .seconds(seconds) + .microseconds(microseconds)
        )
    }

    private static func word(_ record: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (start..<start + count).reversed() { value = value << 8 | UInt64(record[index]) }
        return value
    }

    private static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
