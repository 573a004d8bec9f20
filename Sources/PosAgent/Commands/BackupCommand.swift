import ArgumentParser
import Foundation
import Loyalty

/// `posagent backup DEST`: an online copy of the ledger, verified before it is called good.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the ledger to a file while the daemon runs, then verify the copy; exit 65 if it is not consistent.")

    @Argument(help: "The file to write (mode 0600; an existing file is replaced only once the copy is complete).")
    var destination: String

    @OptionGroup var options: LedgerOptions

    func run() async throws {
        try await reportingFailures {
            let configuration = try options.loadConfiguration()
            let source = configuration.database.path
            guard FileManager.default.fileExists(atPath: source) else {
                printError("error: there is no ledger at \(source); pass --config or --database")
                throw ExitStatus.noInput
            }
            let live = try LedgerDatabase(path: source, durability: configuration.database.durability)
            try live.backup(to: destination)
            try live.closeConnections()

            let copy = try LedgerDatabase(path: destination, durability: configuration.database.durability)
            let report = try await Ledger(
                database: copy, policy: configuration.policy, barcodeFormat: configuration.membership,
                timeZone: configuration.store.timeZone
            ).verify()
            try copy.closeConnections()
            try LedgerDatabase.makeSingleFile(at: destination)

            if options.json {
                try JSONOutput.print(report)
            } else {
                print("Backed up \(source) to \(destination).")
                print("Checked \(grouped(Int64(report.transactionsChecked))) transactions and \(grouped(Int64(report.membersChecked))) members in the copy.")
                print(report.isClean ? "The copy is consistent." : report.issues.map { "- \($0)" }.joined(separator: "\n"))
            }
            if !report.isClean { throw ExitStatus.dataError }
        }
    }
}
