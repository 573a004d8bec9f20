import ArgumentParser
import Foundation

/// `posagent audit`: the audit log, newest first, a page at a time.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "What managers did and what was tried with their PINs (managers, or --manager ID with a PIN).")
    @OptionGroup var daemon: DaemonOptions
    @Option(name: .customLong("by"), help: "Only entries of this manager.") var byManager: String?
    @Option(help: "Entries per page.") var limit = 50
    @Option(help: "Continue after this cursor (printed under the previous page).") var cursor: String?
    @OptionGroup var approval: ManagerApprovalOptions

    func run() async throws {
        let connection = try daemon.connection()
        var items = [URLQueryItem(name: "limit", value: String(limit))]
        if let byManager { items.append(URLQueryItem(name: "manager", value: byManager)) }
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        struct Page: Codable { var entries: [AuditEntryView]; var nextCursor: String? }
        let page = try connection.decode(Page.self, try connection.call("GET", apiPath("/v1/audit", items), headers: try approval.headers()))
        if daemon.json { try JSONOutput.print(page); return }
        guard !page.entries.isEmpty else { print("The audit log has no entries here."); return }
        var table = TextTable([("ID", .right), ("Time", .left), ("Action", .left), ("Manager", .left), ("Caller", .left),
                               ("About", .left), ("Txn", .right), ("Detail", .left)])
        for entry in page.entries {
            table.add([String(entry.id), ManagerCommand.List.time(entry.occurredAt), entry.action, entry.manager ?? "",
                       entry.caller, entry.subject ?? "", entry.transactionID.map(String.init) ?? "", entry.detail ?? ""])
        }
        print(table.render())
        if let next = page.nextCursor { print("More: --cursor \(next)") }
    }
}
