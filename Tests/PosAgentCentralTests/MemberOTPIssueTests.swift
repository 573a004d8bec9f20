import Foundation
import Loyalty
import PostgresNIO
import SyncWire
import Testing
@testable import PosAgentCentral

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct MemberOTPIssueTests {
    private func addStore(_ database: TestDatabase, _ id: String, name: String) async throws -> StoreToken {
        try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: id, name: name) }
    }

    private func feed(_ serve: ServeProcess, store: String, token: String, after: String?, limit: Int) async throws -> OTPSecretPage {
        let query = "limit=\(limit)" + (after.map { "&after=\($0)" } ?? "")
        let answer = try await serve.get("/v1/stores/\(store)/otp-secrets?\(query)", token: token)
        #expect(answer.status == 200)
        return try JSONDecoder().decode(OTPSecretPage.self, from: answer.body)
    }

    @Test func anIssuedSecretIsPrintedOnceAndReachesTheShopsAgentThroughItsFeed() async throws {
        try await TestDatabase.with { database in
            let token = try await addStore(database, "gangnam-01", name: "강남점")
            let run = try await runCentral(database, ["member", "otp-issue", "+82 10-1234-5678", "--store", "gangnam-01"])
            #expect(run.status == 0, "\(run.errors)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            let uri = lines.first ?? "", secret = lines.last ?? ""
            #expect(Base32.decode(secret)?.count == MemberOTPIssuer.secretLength)
            #expect(uri == "otpauth://totp/010-%2A%2A%2A%2A-5678?secret=\(secret)&issuer=%EA%B0%95%EB%82%A8%EC%A0%90"
                + "&digits=6&period=30&algorithm=SHA1")
            #expect(run.errors.contains("010-****-5678"))
            for text in [run.output, run.errors] {
                #expect(!text.contains("12345678") && !text.contains("1234-5678"), "the whole phone is printed: \(text)")
            }

            let serve = try ServeProcess(database)
            let page = try await feed(serve, store: "gangnam-01", token: token.text, after: nil, limit: 10)
            #expect(page.secrets.count == 1 && page.nextCursor == nil)
            let delivered = try #require(page.secrets.first)
            #expect(delivered.secret == secret && delivered.storeId == "gangnam-01")
            #expect(delivered.algorithm == "SHA1" && delivered.digits == 6 && delivered.period == 30)
            // What the agent imports with: its own phone and secret checks take what the server sent.
            #expect(try PhoneNumber(parsing: try #require(delivered.member?.phone)).digits == "01012345678")
            #expect(try OTPSecret(base32: secret).base32 == secret)
        }
    }

    @Test func aMemberKeepsTheirSecretUnlessRotatedAndTheFeedPagesInIssueOrder() async throws {
        try await TestDatabase.with { database in
            let token = try await addStore(database, "s1", name: "s1")
            let first = try await runCentral(database, ["member", "otp-issue", "010-1111-2222", "--store", "s1"])
            #expect(first.status == 0)
            let again = try await runCentral(database, ["member", "otp-issue", "01011112222", "--store", "s1"])
            #expect(again.status != 0)
            #expect(again.errors.hasPrefix("Error: member 010-****-2222 has a one-time-code secret for store s1 already; pass --rotate"), "\(again.errors)")
            #expect(again.output.isEmpty)
            let other = try await runCentral(database, ["member", "otp-issue", "016-333-4444", "--store", "s1"])
            let rotated = try await runCentral(database, ["member", "otp-issue", "010 1111 2222", "--store", "s1", "--rotate"])
            #expect(other.status == 0 && rotated.status == 0)
            #expect(rotated.errors.contains("replaced"))
            let firstSecret = first.output.split(separator: "\n").last.map(String.init)
            let newSecret = rotated.output.split(separator: "\n").last.map(String.init)
            #expect(firstSecret != newSecret)

            let serve = try ServeProcess(database)
            let one = try await feed(serve, store: "s1", token: token.text, after: nil, limit: 2)
            #expect(one.secrets.map { $0.member?.phone } == ["01011112222", "0163334444"])
            #expect(one.secrets.first?.secret == firstSecret)
            let cursor = try #require(one.nextCursor)
            let two = try await feed(serve, store: "s1", token: token.text, after: cursor, limit: 2)
            #expect(two.secrets.map { $0.member?.phone } == ["01011112222"])
            #expect(two.secrets.first?.secret == newSecret, "the later secret, which replaces the earlier at the shop")
            #expect(two.nextCursor == nil)
            let none = try await feed(serve, store: "s1", token: token.text, after: two.cursor, limit: 2)
            #expect(none.secrets.isEmpty)
        }
    }

    @Test func twoFirstIssuesForOneMemberAtOnceMakeOneSecret() async throws {
        try await TestDatabase.with { database in
            _ = try await addStore(database, "s1", name: "s1")
            let outcomes = try await database.client { client in
                let issuer = MemberOTPIssuer(client: client, logger: database.logger)
                @Sendable func attempt(_ phone: String) async -> String {
                    do {
                        _ = try await issuer.issue(phone: phone, store: "s1", rotate: false)
                        return "made"
                    } catch {
                        return (error as? CentralError)?.code.rawValue ?? "\(error)"
                    }
                }
                async let a = attempt("010-1234-5678")
                async let b = attempt("01012345678")
                return await [a, b]
            }
            #expect(outcomes.sorted() == ["made", "otp_secret_exists"])
        }
    }

    @Test func anUnknownOrRevokedStoreOrAWrongPhoneIsRefusedAndNothingIsQueued() async throws {
        try await TestDatabase.with { database in
            _ = try await addStore(database, "s1", name: "s1")
            let unknown = try await runCentral(database, ["member", "otp-issue", "010-1234-5678", "--store", "nowhere"])
            #expect(unknown.status != 0 && unknown.errors.hasPrefix("Error: there is no store nowhere;"), "\(unknown.errors)")

            try await database.client { try await StoreDirectory(client: $0, logger: database.logger).revoke(id: "s1") }
            let revoked = try await runCentral(database, ["member", "otp-issue", "010-1234-5678", "--store", "s1"])
            #expect(revoked.status != 0 && revoked.errors.hasPrefix("Error: store s1 is revoked"), "\(revoked.errors)")

            let landline = try await runCentral(database, ["member", "otp-issue", "02-3456-7890", "--store", "s1"])
            #expect(landline.status != 0 && landline.errors.hasPrefix("Error: '********7890' is not a Korean mobile number"), "\(landline.errors)")
            #expect(!landline.errors.contains("3456"), "the number is not echoed whole")
            for run in [unknown, revoked, landline] { #expect(run.output.isEmpty) }

            let queued = try await database.client { client in
                let rows = try await client.query("SELECT count(*)::bigint FROM member_otp_secret", logger: database.logger)
                for try await count in rows.decode(Int64.self) { return count }
                return -1
            }
            #expect(queued == 0)
        }
    }
}
