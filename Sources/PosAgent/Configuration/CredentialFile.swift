import Foundation

/// A secret the daemon reads from a file of its own (the upload token, the cashier PIN), never from
/// posagent.toml, which any local account may read.
enum CredentialFile {
    /// A name without `/` is looked up in `$CREDENTIALS_DIRECTORY` (systemd's `LoadCredential=`), else
    /// in /etc/posagent; a path (absolute, or relative to the working directory) is taken as it is.
    static func path(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if name.contains("/") { return name }
        return (environment["CREDENTIALS_DIRECTORY"] ?? "/etc/posagent") + "/" + name
    }

    /// The file's text without surrounding white space; nil when it is missing, unreadable or empty.
    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else { return nil }
        return text
    }
}
