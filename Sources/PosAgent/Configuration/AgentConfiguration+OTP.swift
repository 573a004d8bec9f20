import Foundation

extension AgentConfiguration {
    /// `[otp]`: one-time codes of members (docs/otp.md).
    struct OTP: Sendable, Hashable {
        /// The at-rest key's file; a name without `/` is looked up in $CREDENTIALS_DIRECTORY (systemd
        /// credentials), else /etc/posagent.
        var keyFile = "posagent-otp-key"
        /// How authenticator apps name the shop; nil: the [store] name.
        var issuer: String?

        /// Where the key file is for this environment.
        func keyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
            CredentialFile.path(keyFile, environment: environment)
        }
    }

    /// The issuer shown by authenticator apps: `[otp] issuer`, or the store's name.
    var otpIssuer: String { otp.issuer ?? store.name }

    static func readOTP(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        configuration.otp.keyFile = section.string("key_file", default: configuration.otp.keyFile, "a file name or path",
                                                   valid: { !$0.isEmpty })
        let issuer = section.string(
            "issuer", default: "", "the shop's name as authenticator apps list it, 1 to 40 characters without ':'",
            valid: { $0.isEmpty || ((1...40).contains($0.count) && !$0.contains(":")) })
        configuration.otp.issuer = issuer.isEmpty ? nil : issuer
        return section
    }
}
