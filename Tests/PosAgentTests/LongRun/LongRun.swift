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

    /// The daemon's open descriptors in /proc/PID/fd, but for the runtime's own timerfd, eventfd and epoll
    /// (`anon_inode:`), which come and go with its threads (as UdevDiscoveryTests counts them).
    static func openDescriptors(of pid: Int32) -> Int { descriptorTargets(of: pid).count }

    /// What those descriptors point at: files, device nodes, `socket:[inode]`, `pipe:[inode]`.
    static func descriptorTargets(of pid: Int32) -> [String] {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return [] }
        return fds.compactMap { fd in
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) ?? ""
            return target.hasPrefix("anon_inode:") ? nil : target
        }.sorted()
    }
}
