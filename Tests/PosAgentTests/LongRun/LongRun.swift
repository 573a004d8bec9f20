import Foundation

/// The long-run suite's switch and cycle counts, from the environment (scripts/long-run.sh sets them).
enum LongRun {
    static let environment = ProcessInfo.processInfo.environment
    static let enabled = environment["POSAGENT_LONG_RUN"] != nil
    static var kills: Int { count("POSAGENT_LONG_RUN_KILLS", default: 50) }
    static var replugs: Int { count("POSAGENT_LONG_RUN_REPLUGS", default: 100) }

    private static func count(_ name: String, default value: Int) -> Int {
        environment[name].flatMap { Int($0) }.map { max(1, $0) } ?? value
    }

    /// The daemon's open descriptors, counted in /proc/PID/fd.
    static func openDescriptors(of pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }
}
