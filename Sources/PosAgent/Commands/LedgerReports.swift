import ArgumentParser
import Foundation
import Loyalty

/// Which span of time a report covers.
struct RangeOptions: ParsableArguments {
    @Flag(help: "Today (the default).") var today = false
    @Flag(help: "Yesterday.") var yesterday = false
    @Flag(help: "The last 7 days, today included.") var week = false
    @Flag(help: "The last month, today included.") var month = false
    @Flag(help: "Everything.") var all = false
    @Option(help: "First day, YYYY-MM-DD (with --to).") var from: String?
    @Option(help: "Last day, YYYY-MM-DD, included.") var to: String?

    /// The range as the socket API's query parameters.
    func queryItems() throws -> [URLQueryItem] {
        let presets: [(Bool, String)] = [(today, "today"), (yesterday, "yesterday"), (week, "week"), (month, "month"), (all, "all")]
        let chosen = presets.filter(\.0).map(\.1)
        switch (chosen.count, from, to) {
        case (0, nil, nil): return [URLQueryItem(name: "range", value: "today")]
        case (1, nil, nil): return [URLQueryItem(name: "range", value: chosen[0])]
        case (0, let from?, let to?): return [URLQueryItem(name: "from", value: from), URLQueryItem(name: "to", value: to)]
        default: throw ValidationError("choose one of --today, --yesterday, --week, --month, --all, or both --from and --to")
        }
    }

    func range(in timeZone: TimeZone) throws -> HistoryRange {
        let presets: [(Bool, HistoryRange)] = [(today, .today), (yesterday, .yesterday), (week, .week), (month, .month), (all, .all)]
        let chosen = presets.filter(\.0).map(\.1)
        switch (chosen.count, from, to) {
        case (0, nil, nil): return .today
        case (1, nil, nil): return chosen[0]
        case (0, let from?, let to?):
            let first = try StoreDay(parsing: from), last = try StoreDay(parsing: to)
            return .between(from: first.start(in: timeZone), to: last.adding(days: 1, in: timeZone).start(in: timeZone))
        default:
            throw ValidationError("choose one of --today, --yesterday, --week, --month, --all, or both --from and --to")
        }
    }
}

struct LedgerHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List transactions, newest first.")
    @OptionGroup var options: LedgerOptions
    @OptionGroup var range: RangeOptions
    @Option(help: "Only this member's, by phone.") var phone: String?
    @Option(help: "Only this type: accrual, point_use, stamp_use, conversion, cancellation, expiry, coupon_issue, coupon_redemption, coupon_expiry.") var type: [String] = []
    @Option(help: "Transactions per page.") var limit = 50
    @Option(help: "Continue after this cursor (printed under the previous page).") var cursor: String?

    func run() async throws {
        try await reportingFailures {
            let (ledger, configuration) = try options.openLedger()
            let zone = configuration.store.timeZone
            let types = try Set(type.map { name in
                guard let type = TransactionType(rawValue: name) else {
                    throw ValidationError("'\(name)' is not a transaction type; use one of \(TransactionType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return type
            })
            let member = try phone.map { MemberKey.phone(try PhoneNumber(parsing: $0)) }
            let page = try await ledger.history(HistoryQuery(
                range: try range.range(in: zone), member: member, types: types, limit: limit, cursor: cursor))
            if options.json {
                struct Page: Encodable { var transactions: [HistoryEntryView]; var nextCursor: String? }
                try JSONOutput.print(Page(
                    transactions: page.entries.map { HistoryEntryView($0, timeZone: zone, unmasked: false) },
                    nextCursor: page.nextCursor))
                return
            }
            print(HistoryPrinter.render(page.entries, timeZone: zone))
            if let next = page.nextCursor { print("More: --cursor \(next)") }
        }
    }
}

struct LedgerStats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Daily figures, and the last day's transactions by hour as a bar chart.")
    @OptionGroup var options: LedgerOptions
    @Option(help: "First day, YYYY-MM-DD (default: 6 days ago).") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (default: today).") var to: String?

    func run() async throws {
        try await reportingFailures {
            let (ledger, configuration) = try options.openLedger()
            let zone = configuration.store.timeZone
            let today = StoreDay(containing: Date(), in: zone)
            let last = try to.map { text throws(LedgerError) in try StoreDay(parsing: text) } ?? today
            let first = try from.map { text throws(LedgerError) in try StoreDay(parsing: text) } ?? last.adding(days: -6, in: zone)
            let days = try await ledger.dailyStatistics(from: first, to: last)
            let hours = try await ledger.hourlyStatistics(on: last)
            if options.json {
                struct Statistics: Encodable {
                    struct Hourly: Encodable { var day: StoreDay; var hours: [HourlyStatistics] }
                    var days: [DailyStatistics]
                    var hourly: Hourly
                }
                try JSONOutput.print(Statistics(days: days, hourly: .init(day: last, hours: hours)))
                return
            }
            print(StatsPrinter.render(days))
            print("")
            print(StatsPrinter.chart(day: last, hours: hours))
        }
    }
}

struct LedgerVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute the hash chain and every balance; exit 65 on any mismatch.")
    @OptionGroup var options: LedgerOptions

    func run() async throws {
        try await reportingFailures {
            let (ledger, _) = try options.openLedger()
            let report = try await ledger.verify()
            if options.json {
                try JSONOutput.print(report)
            } else {
                print("Checked \(grouped(Int64(report.transactionsChecked))) transactions and \(grouped(Int64(report.membersChecked))) members.")
                print(report.isClean ? "The ledger is consistent." : report.issues.map { "- \($0)" }.joined(separator: "\n"))
            }
            if !report.isClean { throw ExitStatus.dataError }
        }
    }
}

struct LedgerExpire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expire", abstract: "Expire every lot that is due now.")
    @OptionGroup var options: LedgerOptions

    func run() async throws {
        try await reportingFailures {
            let (ledger, _) = try options.openLedger()
            let report = try await ledger.expire(now: Date())
            if options.json { try JSONOutput.print(report); return }
            print("Expired \(grouped(report.pointsExpired)) points, \(report.stampsExpired) stamps and \(report.couponsExpired) coupons of \(report.members) members.")
        }
    }
}
