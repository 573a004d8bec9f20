import Foundation
import SyncWire

extension JSONBytes {
    /// `"2026-03-02T10:00:00.000+09:00"`
    public mutating func timestamp(_ date: Date, in timeZone: TimeZone) {
        quoted { Timestamp.appendRFC3339(date, in: timeZone, to: &$0) }
    }
}
