import Foundation
import Loyalty

/// The daemon's `STATUS=` line for systemd (`systemctl status posagent`): the socket, the devices, and the
/// upload backlog with the age of its oldest transaction.
enum DaemonStatusLine {
    /// `backlog` nil: the ledger could not be read just now.
    static func text(socket: String, devices: [DeviceState], backlog: OutboxBacklog?, now: Date = Date()) -> String {
        let attached = devices.isEmpty ? "no devices"
            : devices.map { "\($0.role) \($0.present ? "attached" : "absent")" }.joined(separator: ", ")
        let queue: String
        if let backlog {
            let age = backlog.oldest.map { ", the oldest \(Int64(now.timeIntervalSince($0).rounded(.down))) s old" } ?? ""
            queue = "\(backlog.count) transaction\(backlog.count == 1 ? "" : "s") queued for upload\(age)"
        } else {
            queue = "upload queue unknown (the ledger could not be read)"
        }
        return "serving \(socket); \(attached); \(queue)"
    }
}
