import ArgumentParser

@main
struct PosAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posagent",
        abstract: "A loyalty agent for shop counters: points, stamps and their ledger.",
        version: PosAgentVersion.current,
        subcommands: [
            DaemonCommand.self, AccrueCommand.self, UsePointsCommand.self, UseStampsCommand.self, ConvertCommand.self,
            CancelCommand.self, VoucherCommand.self, CouponCommand.self, HistoryCommand.self, StatsCommand.self, DevicesCommand.self, StatusCommand.self,
            VerifyCommand.self, ManagerCommand.self, AuditCommand.self, MemberCommand.self, OTPCommand.self, SyncCommand.self, BackupCommand.self,
            MarketingCommand.self, ConfigCommand.self, SimulateCommand.self, LedgerCommand.self,
        ]
    )
}

enum PosAgentVersion {
    static let current = "0.1.0"
}
