import Foundation
import Testing

/// A path the API has, asked with a method it does not answer, is told 405 with `Allow`; HEAD is
/// answered wherever GET is; a path the API does not have stays 404.
extension DaemonSuites {
@Suite(.serialized) struct DaemonMethodTests {
    @Test func aKnownPathAskedWithAnotherMethodIsTold405WithTheMethodsItAnswers() async throws {
        let daemon = try await DaemonHarness.launch()
        let cases: [(method: String, path: String, allow: String)] = [
            ("TRACE", "/v1/accruals", "POST"),
            ("PUT", "/v1/accruals", "POST"),
            ("GET", "/v1/accruals", "POST"),
            ("POST", "/v1/health", "GET, HEAD"),
            ("PATCH", "/v1/transactions/12/cancel", "POST"),
            ("DELETE", "/v1/managers/transfer-master", "POST"),
            ("GET", "/v1/managers/kim", "DELETE"),
            ("POST", "/v1/managers/kim/pin", "PUT"),
            ("DELETE", "/v1/managers", "GET, HEAD, POST"),
            ("TRACE", "/v1/coupons/CP12345678901", "GET, HEAD"),
        ]
        for item in cases {
            let reply = try await daemon.request(item.method, item.path, key: "m-\(item.method)")
            #expect(reply.status == 405, "\(item.method) \(item.path): \(reply.body)")
            #expect(reply.code == "method_not_allowed", "\(item.method) \(item.path): \(reply.body)")
            #expect(reply.allow == item.allow, "\(item.method) \(item.path)")
            #expect(reply.contentType.hasPrefix("application/problem+json"))
            #expect((try? reply.json()["detail"] as? String)?.contains(item.allow) == true, "\(reply.body)")
        }
        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect((try history.json()["transactions"] as? [Any])?.count == 0)
    }

    @Test func anUnknownPathIsStill404AndAHandlersOwn404IsKept() async throws {
        let daemon = try await DaemonHarness.launch()
        for (method, path) in [("GET", "/v1/nothing"), ("TRACE", "/v2/accruals"), ("POST", "/v1/accruals/7"), ("GET", "/")] {
            let reply = try await daemon.request(method, path)
            #expect(reply.status == 404, "\(method) \(path): \(reply.body)")
            #expect(reply.allow.isEmpty, "\(method) \(path)")
        }
        let member = try await daemon.request("GET", "/v1/members/99")
        #expect(member.status == 404)
        #expect(member.allow.isEmpty)
        let prompt = try await daemon.request("DELETE", "/v1/prompt")
        #expect(prompt.status == 404, "\(prompt.body)")
        #expect(prompt.allow.isEmpty)
    }

    @Test func headIsAnsweredWhereverGetIs() async throws {
        let daemon = try await DaemonHarness.launch()
        let health = try await daemon.request("HEAD", "/v1/health")
        #expect(health.status == 200, "\(health.body)")
        #expect(health.contentType.hasPrefix("application/json"))
        #expect(!health.body.contains("{"), "HEAD sends no body: \(health.body)")
        #expect(try await daemon.request("HEAD", "/v1/members/99").status == 404)
        #expect(try await daemon.request("HEAD", "/v1/accruals").status == 405)
    }

    @Test func theCashierScreenAnswers405Too() async throws {
        let daemon = try await DaemonHarness.launch(webPort: try DaemonHarness.freePort())
        let reply = try await daemon.webRequest("TRACE", "/web/session")
        #expect(reply.status == 405, "\(reply.body)")
        #expect(reply.headers["allow"] == ["DELETE, GET, HEAD, POST"])
    }
}
}
