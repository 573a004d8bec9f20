import Foundation
import TOMLKit

/// Everything `central.toml` sets (docs/central.md). Every setting has a default, so a missing file
/// means a local PostgreSQL on its usual socket and `serve` on loopback.
struct CentralConfiguration: Sendable, Hashable {
    /// PostgreSQL by `url` (`postgres://user:password@host:port/name`) or by `socket` (the socket file's path).
    struct Database: Sendable, Hashable {
        var url: String?
        var socket = "/run/postgresql/.s.PGSQL.5432"
        var user = "posagent"
        var name = "posagent"
        /// How long a request of `serve`'s waits for the database's first answer (its token lookup) before it is answered 503 (1 to 300 s).
        var connectTimeoutSeconds = 10
    }

    struct Server: Sendable, Hashable {
        var address = "127.0.0.1"
        var port: Int = 8640
        /// PEM files of the server's certificate chain and private key: both for HTTPS, neither for plain HTTP.
        var tlsCertificate: String?
        var tlsKey: String?
    }

    var database = Database()
    var server = Server()

    static let defaultPath = "/etc/posagent/central.toml"

    /// Reads `path`; a missing file at the default path gives the defaults, anything wrong names the key.
    static func load(_ path: String) throws -> CentralConfiguration {
        guard FileManager.default.fileExists(atPath: path) else {
            if path == defaultPath { return CentralConfiguration() }
            throw CentralError(.configuration, "\(path) does not exist; pass --config with the file's path, or create it (docs/central.md)")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch {
            throw CentralError(.configuration, "\(path) is not TOML: \(error)")
        }
        var configuration = CentralConfiguration()
        var problems: [String] = []
        let known = ["database": ["url", "socket", "user", "name", "connect_timeout_seconds"], "server": ["address", "port", "tls_certificate", "tls_key"]]
        for key in root.keys where known[key] == nil { problems.append("[\(key)] is not a section posagent-central knows") }
        let database = root["database"]?.table, server = root["server"]?.table
        for (name, table) in [("database", database), ("server", server)] {
            for key in table?.keys ?? [] where known[name]?.contains(key) == false {
                problems.append("\(name).\(key) is not a setting posagent-central knows")
            }
        }
        func setting(_ table: TOMLTable?, _ section: String, _ key: String) -> String? {
            guard let value = table?[key] else { return nil }
            guard let string = value.string, !string.isEmpty else {
                problems.append("\(section).\(key) must be a non-empty string")
                return nil
            }
            return string
        }
        configuration.database.url = setting(database, "database", "url")
        if let socket = setting(database, "database", "socket") { configuration.database.socket = socket }
        if let user = setting(database, "database", "user") { configuration.database.user = user }
        if let name = setting(database, "database", "name") { configuration.database.name = name }
        if let address = setting(server, "server", "address") { configuration.server.address = address }
        configuration.server.tlsCertificate = setting(server, "server", "tls_certificate")
        configuration.server.tlsKey = setting(server, "server", "tls_key")
        if (configuration.server.tlsCertificate == nil) != (configuration.server.tlsKey == nil) {
            problems.append("server.tls_certificate and server.tls_key go together: set both for HTTPS, or neither for plain HTTP")
        }
        if let timeout = database?["connect_timeout_seconds"] {
            if let seconds = timeout.int, (1...300).contains(seconds) {
                configuration.database.connectTimeoutSeconds = seconds
            } else {
                problems.append("database.connect_timeout_seconds must be a whole number of seconds from 1 to 300")
            }
        }
        if let port = server?["port"] {
            if let number = port.int, (0...65_535).contains(number) {
                configuration.server.port = number
            } else {
                problems.append("server.port must be a whole number from 0 (any free port) to 65535")
            }
        }
        guard problems.isEmpty else {
            throw CentralError(.configuration, "\(path) has \(problems.count) problem(s):\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
        return configuration
    }
}
