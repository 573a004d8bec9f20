import Foundation
import Loyalty
import Testing
@testable import PosAgent

/// docs/openapi.yaml must name exactly the routes the daemon serves.
@Suite struct OpenAPITests {
    @Test func theDocumentedPathsAreTheServedRoutes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try Ledger(database: try LedgerDatabase(path: directory.appendingPathComponent("l.sqlite").path))
        let api = SocketAPI(ledger: ledger, desk: DeviceFreeDesk(), roles: RolePolicy(cashierGroupName: "-", managerGroupName: "-"),
                            timeZone: .gmt, storeID: "s", sync: nil, logger: .init(label: "test"))
        let served = Set(api.router().routes.map { route in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue.lowercased()) /\(path.joined(separator: "/"))"
        })
        #expect(served.count == 38)
        // The upload endpoint is the central server's, documented beside the daemon's own.
        #expect(try documentedRoutes().subtracting(["post /v1/stores/{storeId}/transactions"]) == served)
    }

    /// "get /v1/health" for each method under each path of the document.
    private func documentedRoutes() throws -> Set<String> {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        var routes: Set<String> = []
        var path: String?
        var inPaths = false
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.hasPrefix(" "), !line.isEmpty { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, let method = ["get", "post", "delete", "put", "patch"].first(where: { line == "    \($0):" }) {
                routes.insert("\(method) \(path)")
            }
        }
        return routes
    }
}
