import ArgumentParser

/// Works on the ledger file directly: for setting up, checking and recovering a shop's ledger on this PC.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Operate on the ledger database directly (no daemon needed).",
        subcommands: [
            LedgerAccrue.self, LedgerUsePoints.self, LedgerUseStamps.self, LedgerConvert.self, LedgerCancel.self,
            LedgerHistory.self, LedgerStats.self, LedgerVerify.self, LedgerExpire.self, LedgerDemo.self,
        ]
    )
}
