import Foundation
import Testing
import TestImages
@testable import Loyalty
import SyncWire

/// The shop's marketing images on a real ledger file and a real shelf folder, with real PNG and JPEG
/// files made by the tests.
@Suite struct MarketingSetTests {
    let fixture: LedgerFixture
    let set: MarketingSet
    let note: AuditNote

    init() throws {
        note = AuditNote(.marketingImageAdded, manager: try ManagerID(parsing: "kim"), caller: "alice (uid 1000)")
        fixture = try LedgerFixture()
        set = MarketingSet(ledger: fixture.ledger, shelf: ImageShelf(besideLedgerAt: fixture.path))
    }

    var shelfFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: set.shelf.directory.path)) ?? []).sorted()
    }

    @Test func readsFormatAndSizeFromTheBytes() throws {
        let png = try ImageFacts.inspect(TestImages.png(width: 638, height: 708))
        #expect(png == ImageFacts(format: .png, width: 638, height: 708))
        #expect(png.isRecommendedSize)
        let jpeg = try ImageFacts.inspect(TestImages.jpeg(width: 64, height: 48, in: fixture.directory))
        #expect(jpeg == ImageFacts(format: .jpeg, width: 64, height: 48))
        #expect(!jpeg.isRecommendedSize)
    }

    @Test func refusesWhatIsNotAWholeImageAndKeepsNothing() async throws {
        let png = TestImages.png(width: 40, height: 30)
        let jpeg = try TestImages.jpeg(width: 40, height: 30, in: fixture.directory)
        var badCRC = png
        badCRC[40] ^= 0x01  // inside IDAT's data
        let cases: [(String, [UInt8], MarketingError.Code)] = [
            ("text named .png", Array("<html>not an image</html>".utf8), .notAnImage),
            ("a GIF", Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 40), .notAnImage),
            ("empty", [], .notAnImage),
            ("PNG cut short", Array(png.prefix(png.count - 12)), .damagedImage),
            ("PNG without IEND's CRC", Array(png.prefix(png.count - 2)), .damagedImage),
            ("PNG with a bad CRC", badCRC, .damagedImage),
            ("JPEG cut short", Array(jpeg.prefix(jpeg.count / 2)), .damagedImage),
            ("JPEG headers only", Array(jpeg.prefix(20)), .damagedImage),
            ("PNG 5000 px wide", TestImages.png(width: 5000, height: 1), .imageDimensions),
            ("PNG of 1.3 MiB", TestImages.png(width: 638, height: 708 * 2 / 3 + 200), .imageTooLarge),
        ]
        for (name, bytes, code) in cases {
            await #expect(throws: MarketingError.self, "\(name)") {
                do { _ = try await set.add(bytes, details: .init(title: name), audit: note) } catch let error as MarketingError {
                    #expect(error.code == code, "\(name): \(error.message)")
                    #expect(error.message.contains(";"), "\(name): the message says what to do: \(error.message)")
                    throw error
                }
            }
        }
        #expect(try await set.images().isEmpty)
        #expect(shelfFiles.isEmpty, "\(shelfFiles)")
    }

    @Test func addsListsHidesOrdersAndRemovesWithTheAuditLog() async throws {
        let first = try await set.add(TestImages.png(width: 300, height: 300), details: .init(title: "이번 주 이벤트"), audit: note)
        let jpegBytes = try TestImages.jpeg(width: 320, height: 354, in: fixture.directory)
        let second = try await set.add(jpegBytes, details: .init(title: "회원 혜택"), audit: note)
        #expect(first.position == 1 && second.position == 2)
        #expect(first.format == .png && second.format == .jpeg && second.width == 320 && second.bytes == jpegBytes.count)
        #expect(first.sha256 == ImageShelf.sha256(TestImages.png(width: 300, height: 300)))
        #expect(shelfFiles == [first.sha256 + ".png", second.sha256 + ".jpg"].sorted())
        #expect(try set.bytes(of: second) == jpegBytes)

        await #expect { _ = try await set.add(jpegBytes, details: .init(), audit: note) } throws: { error in
            (error as? MarketingError)?.code == .imageExists && (error as? MarketingError)?.imageID == second.id
        }

        let hidden = try await set.setHidden(first.id, true, audit: note)
        #expect(hidden.hidden)
        #expect(try await set.showing().map(\.id) == [second.id])
        _ = try await set.setHidden(first.id, false, audit: note)
        let ordered = try await set.reorder([second.id], audit: note)
        #expect(ordered.map(\.id) == [second.id, first.id])
        #expect(ordered.map(\.position) == [1, 2])
        await #expect(throws: MarketingError.self) { _ = try await set.reorder([second.id, second.id], audit: note) }
        await #expect(throws: MarketingError.self) { _ = try await set.reorder([99], audit: note) }

        let removed = try await set.remove(second.id, audit: note)
        #expect(removed.id == second.id)
        #expect(shelfFiles == [first.sha256 + ".png"])
        await #expect(throws: MarketingError.self) { _ = try await set.image(second.id) }

        let audit = try await AuditLog(database: fixture.ledger.database).page(AuditQuery(limit: 20)).entries
        #expect(audit.map(\.action.rawValue).reversed() == [
            "marketing_image_added", "marketing_image_added", "marketing_image_hidden", "marketing_image_shown",
            "marketing_order_changed", "marketing_image_removed",
        ])
        #expect(audit.allSatisfy { $0.manager == "kim" && $0.caller == "alice (uid 1000)" })
        #expect(audit.last?.detail == "이번 주 이벤트")

        try fixture.reopen()
        let reopened = MarketingSet(ledger: fixture.ledger, shelf: set.shelf)
        #expect(try await reopened.images().map(\.title) == ["이번 주 이벤트"])
    }

    @Test func showsAnImageOnlyWithinItsDays() async throws {
        let today = set.today()
        let tomorrow = today.adding(days: 1, in: fixture.ledger.timeZone)
        let yesterday = today.adding(days: -1, in: fixture.ledger.timeZone)
        let always = try await set.add(TestImages.png(width: 10, height: 10, rgb: (1, 2, 3)), details: .init(), audit: note)
        let later = try await set.add(TestImages.png(width: 10, height: 10, rgb: (4, 5, 6)), details: .init(from: tomorrow), audit: note)
        let over = try await set.add(TestImages.png(width: 10, height: 10, rgb: (7, 8, 9)), details: .init(until: yesterday), audit: note)
        let now = try await set.add(TestImages.png(width: 10, height: 10, rgb: (9, 9, 9)),
                                    details: .init(from: yesterday, until: tomorrow), audit: note)
        #expect(try await set.showing().map(\.id) == [always.id, now.id])
        #expect(try await set.showing(on: tomorrow).map(\.id) == [always.id, later.id, now.id])
        #expect(over.until == yesterday)
        await #expect { _ = try await set.add(TestImages.png(width: 2, height: 2), details: .init(from: tomorrow, until: yesterday), audit: note) }
            throws: { ($0 as? MarketingError)?.code == .invalidWindow }
        await #expect { _ = try await set.add(TestImages.png(width: 2, height: 2), details: .init(title: String(repeating: "가", count: 101)), audit: note) }
            throws: { ($0 as? MarketingError)?.code == .invalidTitle }
    }

    @Test func sweepingTheShelfKeepsOnlyListedFiles() async throws {
        let kept = try await set.add(TestImages.png(width: 4, height: 4), details: .init(), audit: note)
        let stray = set.shelf.directory.appendingPathComponent(String(repeating: "a", count: 64) + ".png")
        try Data([1, 2, 3]).write(to: stray)
        try Data([1]).write(to: set.shelf.directory.appendingPathComponent(".x.part"))
        try await set.sweepShelf()
        #expect(shelfFiles == [kept.sha256 + ".png"])
    }

    @Test func aFullSetRefusesTheNextImageAndKeepsNothingOfIt() async throws {
        for index in 0..<MarketingSet.maxImages {
            _ = try await set.add(TestImages.png(width: 2 + index, height: 2), details: MarketingImageDetails(), audit: note)
        }
        let before = shelfFiles
        let error = await #expect(throws: MarketingError.self) {
            try await set.add(TestImages.png(width: 99, height: 2), details: MarketingImageDetails(), audit: note)
        }
        #expect(error?.code == .setFull && error?.message.contains("at most 50 images") == true, "\(String(describing: error))")
        #expect(shelfFiles == before, "the refused image's file is not kept")
        #expect(try await set.images().count == MarketingSet.maxImages)
    }
}
