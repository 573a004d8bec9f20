import ArgumentParser

struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Members' one-time-code secrets, for their authenticator apps.",
        subcommands: [OTPIssue.self])

    struct OTPIssue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "otp-issue",
            abstract: "Make a member's one-time-code secret for a shop; prints it once, and the shop's agent fetches it.",
            discussion: """
                Prints the otpauth:// URI for the customer's app and the secret in Base32 to type instead. A member \
                who has a secret for the shop keeps it unless --rotate is given.
                """)
        @OptionGroup var options: CentralOptions
        @Argument(help: "The member's mobile number (010-1234-5678, 01012345678, +82 10 1234 5678).") var phone: String
        @Option(help: "The shop's id (as in `store list`).") var store: String
        @Flag(help: "Replace the member's secret for this shop.") var rotate = false

        func run() async throws {
            let settings = try options.load()
            let logger = options.logger
            let (phone, store, rotate) = (self.phone, self.store, self.rotate)
            let issued = try await CentralDatabase.with(settings.database, logger: logger) { client in
                try await MemberOTPIssuer(client: client, logger: logger).issue(phone: phone, store: store, rotate: rotate)
            }
            print(issued.uri)
            print(issued.base32)
            printToStandardError("""
                \(issued.replaced ? "replaced" : "made") the one-time-code secret of \(issued.maskedPhone) for store \(issued.store) \
                (feed seq \(issued.seq)), shown above only now: scan the URI into the customer's app or type the secret; \
                the shop's agent fetches it at its next sync
                """)
        }
    }
}
