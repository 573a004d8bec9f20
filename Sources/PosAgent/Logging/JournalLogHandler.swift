import Foundation
import Logging

/// Writes log lines to stderr; under systemd (JOURNAL_STREAM set) each line starts with its syslog
/// priority (`<3>` … `<7>`) so journald files it at the right level.
struct JournalLogHandler: LogHandler {
    let label: String
    let journal: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, journal: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil) {
        self.label = label
        self.journal = journal
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line: String
        if journal {
            line = "<\(Self.priority(event.level))>\(event.message)\(fields)\n"
        } else {
            line = "\(Self.timestamp()) \(event.level) \(label): \(event.message)\(fields)\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.time(includingFractionalSeconds: true))
    }
}
