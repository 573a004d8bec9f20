import ArgumentParser
import Foundation
import Loyalty

/// The path with its query, percent-encoded ('+' too: a query reads it as a space).
func apiPath(_ path: String, _ items: [URLQueryItem]) -> String {
    var components = URLComponents()
    components.path = path
    components.queryItems = items.isEmpty ? nil : items
    let text = components.string ?? path
    return text.replacingOccurrences(of: "+", with: "%2B")
}

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List transactions, newest first.")
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var range: RangeOptions
    @Option(help: "Only this member's: a phone number or a member id.") var member: String?
    @Option(help: "Only this type: accrual, point_use, stamp_use, conversion, cancellation, expiry, coupon_issue, coupon_redemption, coupon_expiry.") var type: [String] = []
    @Option(help: "Transactions per page.") var limit = 50
    @Option(help: "Continue after this cursor (printed under the previous page).") var cursor: String?
    @Flag(help: "Export CSV with whole phone numbers (managers, or --manager ID with a PIN).") var csv = false
    @OptionGroup var approval: ManagerApprovalOptions

    func run() async throws {
        let connection = try daemon.connection()
        var items = try range.queryItems()
        if let member { items.append(URLQueryItem(name: "member", value: member)) }
        items += type.map { URLQueryItem(name: "type", value: $0) }
        if csv {
            let data = try connection.call("GET", apiPath("/v1/transactions", items), accept: "text/csv", headers: try approval.headers())
            FileHandle.standardOutput.write(data)
            return
        }
        items.append(URLQueryItem(name: "limit", value: String(limit)))
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        let data = try connection.call("GET", apiPath("/v1/transactions", items))
        struct Page: Codable { var transactions: [HistoryEntryView]; var nextCursor: String? }
        let page = try connection.decode(Page.self, data)
        if daemon.json { try JSONOutput.print(page); return }
        print(HistoryPrinter.render(page.transactions))
        if let next = page.nextCursor { print("More: --cursor \(next)") }
    }
}

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Daily figures, and the last day's transactions by hour as a bar chart.")
    @OptionGroup var daemon: DaemonOptions
    @Option(help: "First day, YYYY-MM-DD (default: the last day).") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (default: today).") var to: String?

    func run() async throws {
        let connection = try daemon.connection()
        var items: [URLQueryItem] = []
        if let from { items.append(URLQueryItem(name: "from", value: from)) }
        if let to { items.append(URLQueryItem(name: "to", value: to)) }
        let data = try connection.call("GET", apiPath("/v1/stats/daily", items))
        struct Statistics: Codable {
            struct Hourly: Codable { var day: StoreDay; var hours: [HourlyStatistics] }
            var days: [DailyStatistics]
            var hourly: Hourly
        }
        let statistics = try connection.decode(Statistics.self, data)
        if daemon.json { try JSONOutput.print(statistics); return }
        print(StatsPrinter.render(statistics.days))
        print("")
        print(StatsPrinter.chart(day: statistics.hourly.day, hours: statistics.hourly.hours))
    }
}

struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "devices", abstract: "The tablet and scanner the daemon sees.")
    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let connection = try daemon.connection()
        struct Devices: Codable { var devices: [DeviceState] }
        let devices = try connection.decode(Devices.self, try connection.call("GET", "/v1/devices"))
        if daemon.json { try JSONOutput.print(devices); return }
        var table = TextTable([("Role", .left), ("Kind", .left), ("State", .left), ("Node", .left), ("Identity", .left), ("Detail", .left)])
        for device in devices.devices {
            let images = device.images.map { "; images: \($0.held) held, \($0.toSend) to send" } ?? ""
            table.add([device.role, device.kind ?? "", device.present ? "attached" : "absent", device.node ?? "", device.identity ?? "",
                       (device.detail ?? "") + images])
        }
        print(table.render())
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Whether the daemon is up, its devices and upload queue.")
    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let connection = try daemon.connection()
        let data = try connection.call("GET", "/v1/health")
        if daemon.json { FileHandle.standardOutput.write(data + Data("\n".utf8)); return }
        let health = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        let outbox = health["outbox"] as? [String: Any] ?? [:]
        let devices = (health["devices"] as? [[String: Any]] ?? []).map {
            "\($0["role"] as? String ?? "?") \(($0["present"] as? Bool) == true ? "attached" : "absent")"
        }
        print("posagent \(health["version"] as? String ?? "?") for store \(health["store"] as? String ?? "?"): \(health["status"] as? String ?? "?")")
        print("devices: \(devices.joined(separator: ", "))")
        for tablet in health["devices"] as? [[String: Any]] ?? [] {
            guard let images = tablet["images"] as? [String: Any], let held = images["held"] as? Int, let toSend = images["toSend"] as? Int else { continue }
            print("tablet images: \(held) held, \(toSend) still to send")
        }
        let age = (outbox["oldestUnsentAgeSeconds"] as? Int).map { ", oldest \($0) s old" } ?? ""
        print("upload queue: \(outbox["backlog"] as? Int ?? 0) transactions\(age)")
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Have the daemon recompute the hash chain and every balance (managers); exit 65 on a mismatch.")
    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let connection = try daemon.connection()
        let report = try connection.decode(VerificationReport.self, try connection.call("GET", "/v1/verify"))
        if daemon.json {
            try JSONOutput.print(report)
        } else {
            print("Checked \(grouped(Int64(report.transactionsChecked))) transactions and \(grouped(Int64(report.membersChecked))) members.")
            print(report.isClean ? "The ledger is consistent." : report.issues.map { "- \($0)" }.joined(separator: "\n"))
        }
        if !report.isClean { throw ExitStatus.dataError }
    }
}
