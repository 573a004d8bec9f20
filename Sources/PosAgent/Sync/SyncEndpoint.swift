import Foundation

/// Where and how the agent uploads: the server's transactions URL, who it is, and the bearer token.
struct SyncEndpoint: Sendable {
    let url: String
    /// Where members' one-time-code secrets are fetched from.
    let otpSecretsURL: String
    /// Where the chain's marketing images are listed; each image's bytes are at `marketingURL/images/{sha256}`.
    let marketingURL: String
    let storeID: String
    let agentID: String
    let tokenPath: String

    init(configuration: AgentConfiguration, server: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        storeID = configuration.sync.storeID ?? configuration.store.id
        agentID = configuration.sync.agentID ?? ProcessInfo.processInfo.hostName
        let encodedStore = storeID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? storeID
        url = "\(base)/v1/stores/\(encodedStore)/transactions"
        otpSecretsURL = "\(base)/v1/stores/\(encodedStore)/otp-secrets"
        marketingURL = "\(base)/v1/stores/\(encodedStore)/marketing"
        tokenPath = CredentialFile.path(configuration.sync.tokenFile, environment: environment)
    }

    /// The token, read at every upload so a rotated file takes effect without a restart. Never logged.
    func token() throws -> String {
        guard let text = CredentialFile.read(tokenPath) else {
            throw SyncFailure("cannot read the upload token from \(tokenPath); put the token there (mode 0600) or set [sync] token_file")
        }
        return text
    }

    static func isURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return components.query == nil && components.fragment == nil
    }

    /// Why `server` may not be used without TLS, or nil when it may (https, or loopback).
    static func insecurity(of server: String) -> String? {
        guard let components = URLComponents(string: server), components.scheme?.lowercased() == "http" else { return nil }
        let host = (components.host ?? "").lowercased()
        if host == "localhost" || host == "::1" || host.hasPrefix("127.") { return nil }
        return "sync.server \(server) is plain http to another host: use https, or set allow_insecure_http = true if the network is trusted"
    }
}

/// Why an upload attempt failed; the batch stays queued and is retried.
struct SyncFailure: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }
}
