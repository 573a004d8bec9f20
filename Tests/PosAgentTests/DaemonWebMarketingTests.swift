import Foundation
import Testing
import TestImages

/// The marketing images on the cashier screen's listener, through real HTTP on loopback: the set listed with
/// each image's state, the bytes served exactly as the shelf keeps them, and a manager's show and hide
/// approved on the screen and audited as at the socket.
extension DaemonSuites {
@Suite(.serialized) struct DaemonWebMarketingTests {
    @Test func theScreenListsTheSetAndServesEachImageAsStored() async throws {
        let daemon = try await DaemonHarness.launch(webPort: try DaemonHarness.freePort())
        let png = TestImages.png(width: 200, height: 120, rgb: (20, 90, 200))
        let jpeg = try TestImages.jpeg(width: 64, height: 48, in: daemon.directory)
        let first = try await Self.add(png, "image/png", "?title=spring", to: daemon)
        let second = try await Self.add(jpeg, "image/jpeg", "?title=winter&from=2020-01-01&until=2099-12-31", to: daemon)
        #expect(try await daemon.request("POST", "/v1/marketing/images/\(first)/hide", as: .manager).status == 200)

        let anonymous = try await daemon.webRequest("GET", "/v1/marketing/images/\(second)/content")
        #expect(anonymous.status == 401 && anonymous.code == "signed_out", "the images are behind the sign-in like the rest")
        let session = try await daemon.signIn()
        let signedIn = ["Cookie: posagent_session=\(session.cookie)"]

        let list = try await daemon.webRequest("GET", "/v1/marketing/images", headers: signedIn)
        #expect(list.status == 200, "\(list.body)")
        let images = try #require(try list.json()["images"] as? [[String: Any]])
        #expect(images.compactMap { $0["id"] as? Int } == [first, second], "in the set's order")
        #expect(images.map { $0["hidden"] as? Bool } == [true, false], "the hidden image is still listed, as hidden")
        #expect(images.map { $0["title"] as? String } == ["spring", "winter"])
        #expect(images[1]["from"] as? String == "2020-01-01" && images[1]["until"] as? String == "2099-12-31")
        #expect(try list.json()["showing"] as? [Int] == [second])

        let shelf = daemon.directory.appendingPathComponent("marketing")
        for (id, sent, type) in [(first, png, "image/png"), (second, jpeg, "image/jpeg")] {
            let content = try await daemon.webRequest("GET", "/v1/marketing/images/\(id)/content", headers: signedIn)
            #expect(content.status == 200, "\(content.body)")
            #expect(content.header("content-type") == type)
            #expect(content.header("x-content-type-options") == "nosniff")
            #expect(content.bytes == Data(sent), "image \(id): the bytes uploaded")
            let image = try #require(images.first { $0["id"] as? Int == id })
            let sha256 = try #require(image["sha256"] as? String)
            let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: shelf.path).first { $0.hasPrefix(sha256) })
            #expect(content.bytes == (try Data(contentsOf: shelf.appendingPathComponent(stored))), "image \(id): the file on the shelf")
        }

        let unknown = try await daemon.webRequest("GET", "/v1/marketing/images/9999/content", headers: signedIn)
        #expect(unknown.status == 404 && unknown.code == "image_not_found", "\(unknown.body)")
        #expect(unknown.header("content-type")?.hasPrefix("application/problem+json") == true)
        let notAnID = try await daemon.webRequest("GET", "/v1/marketing/images/spring/content", headers: signedIn)
        #expect(notAnID.status == 400 && notAnID.code == "bad_image", "\(notAnID.body)")
    }

    @Test func aManagerHidesAndShowsAnImageOnTheScreenAndTheAuditNamesThem() async throws {
        let daemon = try await DaemonHarness.launch(webPort: try DaemonHarness.freePort())
        let registered = try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#)
        #expect(registered.status == 201, "\(registered.body)")
        let id = try await Self.add(TestImages.png(width: 40, height: 40), "image/png", "?title=sale", to: daemon)
        let session = try await daemon.signIn()
        let signedIn = ["Cookie: posagent_session=\(session.cookie)", "X-CSRF-Token: \(session.csrf)", "Idempotency-Key: \(UUID().uuidString)"]
        let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]

        let cashierAlone = try await daemon.webRequest("POST", "/v1/marketing/images/\(id)/hide", headers: signedIn)
        #expect(cashierAlone.status == 403 && cashierAlone.code == "forbidden", "\(cashierAlone.body)")
        let withoutToken = try await daemon.webRequest("POST", "/v1/marketing/images/\(id)/hide",
                                                       headers: ["Cookie: posagent_session=\(session.cookie)"] + kim)
        #expect(withoutToken.status == 403 && withoutToken.code == "csrf")
        #expect((try await daemon.request("GET", "/v1/marketing/images").json()["showing"] as? [Int]) == [id], "nothing changed")

        let hidden = try await daemon.webRequest("POST", "/v1/marketing/images/\(id)/hide", headers: signedIn + kim)
        #expect(hidden.status == 200, "\(hidden.body)")
        #expect((try hidden.json()["image"] as? [String: Any])?["hidden"] as? Bool == true)
        let socketList = try await daemon.request("GET", "/v1/marketing/images").json()
        #expect(socketList["showing"] as? [Int] == [])
        #expect((socketList["images"] as? [[String: Any]])?.map { $0["hidden"] as? Bool } == [true])
        let thumbnail = try await daemon.webRequest("GET", "/v1/marketing/images/\(id)/content", headers: signedIn)
        #expect(thumbnail.status == 200, "a hidden image's thumbnail is still served")

        let shown = try await daemon.webRequest("POST", "/v1/marketing/images/\(id)/show", headers: signedIn + kim)
        #expect(shown.status == 200, "\(shown.body)")
        #expect((try await daemon.request("GET", "/v1/marketing/images").json()["showing"] as? [Int]) == [id])

        let audit = try await daemon.request("GET", "/v1/audit?limit=10").json()
        let entries = (audit["entries"] as? [[String: Any]] ?? []).filter { ($0["action"] as? String)?.hasPrefix("marketing_image_") == true }
        #expect(entries.map { $0["action"] as? String } == ["marketing_image_shown", "marketing_image_hidden", "marketing_image_added"])
        #expect(entries.prefix(2).allSatisfy { $0["manager"] as? String == "kim" && $0["caller"] as? String == "cashier screen" },
                "\(entries)")
    }

    /// Adds an image at the socket as a manager; its id.
    static func add(_ bytes: [UInt8], _ type: String, _ query: String, to daemon: DaemonHarness) async throws -> Int {
        let added = try await daemon.upload("/v1/marketing/images\(query)", bytes: bytes, contentType: type, as: .manager)
        guard added.status == 201, let id = (try added.json()["image"] as? [String: Any])?["id"] as? Int else {
            throw DaemonHarnessError(description: "could not add the image: \(added.status) \(added.body)")
        }
        return id
    }
}
}
