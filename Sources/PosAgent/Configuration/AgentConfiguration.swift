import DeviceIO
import Foundation
import Loyalty
import TOMLKit

/// Everything `posagent.toml` sets. Every setting has a default, so an empty file (or none) works.
struct AgentConfiguration: Sendable, Hashable {
    struct Store: Sendable, Hashable {
        var id = "store-1"
        var name = "My shop"
        var timeZone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
    }

    struct Database: Sendable, Hashable {
        var path = "/var/lib/posagent/ledger.sqlite"
        var durability = Durability.full
    }

    struct API: Sendable, Hashable {
        var socket = "/run/posagent/posagent.sock"
        /// Members of this group may use the socket as cashiers.
        var group = "posagent"
        /// Members of this group (and root) are managers.
        var adminGroup = "posagent-admin"
    }

    struct Checkout: Sendable, Hashable {
        /// How long a tablet prompt waits for the customer.
        var promptTimeoutSeconds: Int64 = 60
    }

    struct Tablet: Sendable, Hashable {
        /// How long the idle screen shows each marketing image.
        var secondsPerImage: Int64 = 8
    }

    struct Sync: Sendable, Hashable {
        /// The central server's base URL; nil keeps the agent offline with its outbox.
        var server: String?
        /// Defaults to [store] id.
        var storeID: String?
        /// Defaults to the host name.
        var agentID: String?
        /// The bearer token's file; a relative name is looked up in $CREDENTIALS_DIRECTORY (systemd credentials).
        var tokenFile = "posagent-token"
        var intervalSeconds: Int64 = 60
        var batchSize: Int64 = 500
        var timeoutSeconds: Int64 = 30
        var maxBackoffSeconds: Int64 = 300
        /// Plain HTTP to a host that is not loopback is refused unless this is set.
        var allowInsecureHTTP = false
        /// Whether members' one-time-code secrets are fetched from the server (when an OTP key exists).
        var otpSecrets = true
        /// Whether the chain's marketing images are fetched from the central server (`[sync] marketing`).
        var chainMarketing = true
        /// A PEM file of a CA trusted for the server besides the system's roots (a chain's private CA).
        var caFile: String?
    }

    /// The cashier screen: a web page served on loopback TCP only.
    struct Web: Sendable, Hashable {
        /// A loopback address; the screen is for this PC's browser only.
        var address = "127.0.0.1"
        /// 0 turns the screen off.
        var port: Int64 = 8620
        /// The cashier PIN's file; a relative name is looked up in $CREDENTIALS_DIRECTORY, else /etc/posagent.
        var cashierPINFile = "posagent-cashier-pin"
        /// How long a signed-in screen stays signed in.
        var sessionHours: Int64 = 12
    }

    var store = Store()
    var policy = StorePolicy()
    var membership = BarcodeFormat.standard
    var database = Database()
    var api = API()
    var checkout = Checkout()
    var tablet = Tablet()
    var sync = Sync()
    var web = Web()
    var otp = OTP()
    /// The `[[devices]]` rules: which ttys are the scanner and the tablet. None: no devices are opened.
    var devices: [DeviceRule] = []

    static let defaultPath = "/etc/posagent/posagent.toml"

    /// Reads `path`; a missing file at the default location means "all defaults".
    static func load(path: String?) throws -> AgentConfiguration {
        let file = path ?? defaultPath
        guard FileManager.default.fileExists(atPath: file) else {
            if path == nil { return AgentConfiguration() }
            throw ConfigurationError(file: file, problems: ["the file does not exist; check the path given to --config"])
        }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, problems: ["the file cannot be read as UTF-8 text; check its permissions and encoding"])
        }
        return try parse(text, file: file)
    }

    static func parse(_ text: String, file: String) throws -> AgentConfiguration {
        if let problem = TOMLTextCheck.problem(in: text) { throw ConfigurationError(file: file, problems: [problem]) }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: file,
                problems: ["line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"])
        }
        var problems: [String] = []
        var configuration = AgentConfiguration()
        let sections = [
            readStore(TOMLSection("store", in: root, problems: &problems), into: &configuration),
            readPolicy(TOMLSection("policy", in: root, problems: &problems), into: &configuration),
            readMembership(TOMLSection("membership", in: root, problems: &problems), into: &configuration),
            readDatabase(TOMLSection("database", in: root, problems: &problems), into: &configuration),
            readAPI(TOMLSection("api", in: root, problems: &problems), into: &configuration),
            readCheckout(TOMLSection("checkout", in: root, problems: &problems), into: &configuration),
            readTablet(TOMLSection("tablet", in: root, problems: &problems), into: &configuration),
            readSync(TOMLSection("sync", in: root, problems: &problems), into: &configuration),
            readWeb(TOMLSection("web", in: root, problems: &problems), into: &configuration),
            readOTP(TOMLSection("otp", in: root, problems: &problems), into: &configuration),
        ]
        for section in sections {
            problems += section.problems + section.unknownKeys()
        }
        configuration.devices = readDevices(root, problems: &problems)
        let known = Set(sections.map(\.name) + ["devices"])
        for key in root.keys.sorted() where !known.contains(key) {
            problems.append("[\(key)] is not a section posagent knows; the sections are \(known.sorted().joined(separator: ", "))")
        }
        do {
            _ = try configuration.policy.validated()
            _ = try configuration.membership.validated()
        } catch {
            problems.append(error.message)
        }
        guard problems.isEmpty else { throw ConfigurationError(file: file, problems: problems) }
        return configuration
    }
}
