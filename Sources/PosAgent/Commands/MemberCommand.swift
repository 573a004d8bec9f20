import ArgumentParser
import Foundation

/// `posagent member otp-enroll PHONE`, through the daemon.
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "A member's own settings at this store.", subcommands: [OTPEnroll.self])

    struct OTPEnroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "otp-enroll",
            abstract: "Give a member a one-time-code secret and show it as a QR code for their authenticator app (managers, or --manager ID).",
            discussion: """
                Prints the otpauth:// URI, the QR code to scan, and the secret in Base32 to type instead. An unknown
                phone number is enrolled as a member. A member who has a secret keeps it unless --replace is given.
                """)
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The member's mobile number, e.g. 010-1234-5678.") var phone: String
        @Flag(help: "Make a new secret for a member who has one; the old one stops working.") var replace = false
        @OptionGroup var idempotency: IdempotencyOptions
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            let connection = try daemon.connection()
            var body: [String: Any] = ["member": ["phone": phone]]
            if replace { body["replace"] = true }
            let data = try connection.call("POST", "/v1/otp/enrollments", body: body, idempotencyKey: try idempotency.key().rawValue,
                                           headers: try approval.headers())
            let enrollment = try connection.decode(OTPEnrollmentView.self, data)
            if daemon.json { try JSONOutput.print(enrollment); return }
            print("\(enrollment.member.phone ?? "member \(enrollment.member.id)") can now use one-time codes of \(enrollment.issuer).")
            print("Scan this with the customer's authenticator app:\n")
            do {
                let code = try QRCode.encode(Array(enrollment.uri.utf8))
                print(QRTerminal.render(code, colours: isatty(STDOUT_FILENO) == 1))
            } catch {
                print("(no QR code: \(error); shorten [otp] issuer, or type the key below)")
            }
            print("\n\(enrollment.uri)")
            print("Or type the key: \(Self.grouped(enrollment.secret)) (time-based, SHA1, 6 digits, every 30 s)")
        }

        /// "GEZDGNBV GY3TQOJQ …": groups of four, easier to type.
        static func grouped(_ secret: String) -> String {
            stride(from: 0, to: secret.count, by: 4).map { start in
                let from = secret.index(secret.startIndex, offsetBy: start)
                return String(secret[from..<secret.index(from, offsetBy: min(4, secret.count - start))])
            }.joined(separator: " ")
        }
    }
}
