import ArgumentParser

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Per shop and day: accruals, uses, points and stamps granted and used, coupons, cancellations, members.",
        discussion: """
            Days are the shop's own calendar days. --from and --until are YYYY-MM-DD and both included. \
            Cancellations are counted, not subtracted from the figures of what they reverse.
            """)

    @OptionGroup var options: CentralOptions
    @Option(help: "The first day (YYYY-MM-DD).") var from: String?
    @Option(help: "The last day (YYYY-MM-DD).") var until: String?
    @Option(help: "Only this shop.") var store: String?
    @Flag var format: ReportOutput = .table

    func run() async throws {
        let period = try ReportPeriod(from: from, until: until)
        let settings = try options.load()
        let logger = options.logger
        let store = self.store
        let days = try await CentralDatabase.with(settings.database, logger: logger) { client in
            try await DailyReport(client: client, logger: logger).days(in: period, store: store)
        }
        print(try format.render(days, period: period), terminator: "")
    }
}

extension ReportOutput: EnumerableFlag {
    static func help(for value: ReportOutput) -> ArgumentHelp? {
        switch value {
        case .table: "A table for people (the default)."
        case .csv: "CSV (RFC 4180) with a header line."
        case .json: "JSON: {\"from\", \"until\", \"days\": [...]}."
        }
    }
}
