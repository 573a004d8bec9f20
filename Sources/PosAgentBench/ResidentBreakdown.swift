import Foundation

/// Where a process's resident memory is, from /proc/PID/smaps: each file mapped (the libraries, the
/// ledger), the heap, and the anonymous mappings (malloc's arenas, thread stacks) summed by kind.
struct ResidentBreakdown {
    /// Resident KiB by what is mapped, largest first.
    let parts: [(name: String, kib: Int)]

    init(pid: Int32) throws(CounterBenchError) {
        let path = "/proc/\(pid)/smaps"
        // Read to the end: procfs files report no size, and a sized read stops short.
        guard let file = FileHandle(forReadingAtPath: path), let data = try? file.readToEnd() else {
            throw CounterBenchError("cannot read \(path); is the daemon still running?")
        }
        let smaps = String(decoding: data, as: UTF8.self)
        var totals: [String: Int] = [:]
        var current = "anonymous"
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), first.last != ":" {
                current = Self.name(of: fields)
            } else if fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                totals[current, default: 0] += kib
            }
        }
        parts = totals.filter { $0.value > 0 }.sorted { $0.value > $1.value }.map { (name: $0.key, kib: $0.value) }
    }

    var totalKiB: Int { parts.reduce(0) { $0 + $1.kib } }

    /// A mapping's header is `start-end perms offset dev inode [path]`.
    private static func name(of header: [Substring]) -> String {
        guard header.count >= 6 else { return "anonymous (malloc arenas, thread stacks)" }
        let path = header[5...].joined(separator: " ")
        if path.hasPrefix("[") { return path }
        return URL(fileURLWithPath: path).lastPathComponent
    }

    /// The `count` largest parts and the rest, one line each.
    func lines(top count: Int) -> [String] {
        let shown = parts.prefix(count).map { "\($0.name): \(format(Double($0.kib) / 1024, 1)) MiB" }
        let rest = parts.dropFirst(count).reduce(0) { $0 + $1.kib }
        return shown + (rest > 0 ? ["the other \(parts.count - count) mappings: \(format(Double(rest) / 1024, 1)) MiB"] : [])
    }
}
