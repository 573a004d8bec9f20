import Foundation
import Testing
@testable import DeviceIO

/// Marketing images from the agent's end to the virtual tablet over a real pty, with real PNG and JPEG files:
/// only what the tablet lacks, chunk by chunk while it is idle, checked at both levels, resumed after a replug,
/// and never in a prompt's way.
@Suite struct TabletImageTransferTests {
    let files: ImageFiles

    init() throws { files = try ImageFiles() }

    @Test func theTabletReceivesEveryImageWholeAndRotatesThemInOrder() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter()
        let images = [
            try files.png("겨울 이벤트", width: 120, height: 90),
            try files.jpeg("아메리카노 1+1", width: 320, height: 200),
            try files.png("스탬프 두 배", width: 300, height: 200, rgb: (10, 120, 220)),
        ]
        await counter.connection.showImages(images, secondsPerImage: 5)
        try await counter.waitUntilHeld(images)
        for image in images {
            #expect(await counter.tablet.imageBytes(image.sha256) == files.bytes(image), "\(image.title) arrives byte for byte")
        }
        let expected = IdleRotation(images: images.map(\.sha256), secondsPerImage: 5)
        try await counter.waitUntil("rotating all three") { await counter.tablet.rotation == expected }
        try await counter.waitUntil("the agent counting three held") { await counter.connection.imageCounts.map { $0 == (3, 0) } ?? false }
        #expect(await counter.tablet.heldImage(images[1].sha256)?.title == "아메리카노 1+1")
    }

    @Test func onlyTheImagesTheTabletLacksAreSent() async throws {
        let folder = files.folder.appendingPathComponent("tablet")
        defer { files.remove() }
        let first = try files.png("first", width: 100, height: 100)
        let second = try files.jpeg("second", width: 200, height: 120)
        let before = try await ImageCounter(folder: folder)
        await before.connection.showImages([first], secondsPerImage: 8)
        try await before.waitUntilHeld([first])
        before.unplug()

        let counter = try await ImageCounter(folder: folder)
        #expect(await counter.tablet.holdings?.images == [first.sha256], "the tablet's folder kept the first image")
        await counter.connection.showImages([first, second], secondsPerImage: 8)
        let rotation = IdleRotation(images: [first.sha256, second.sha256], secondsPerImage: 8)
        let seen = try await counter.screens { $0 == .rotation(rotation) }
        let offered = seen.compactMap { screen -> String? in if case .image(let offer) = screen { offer.sha256 } else { nil } }
        #expect(offered == [second.sha256], "only the second image is offered")
        #expect(await counter.tablet.chunksReceived == files.chunks(second))
        #expect(await counter.tablet.imageBytes(second.sha256) == files.bytes(second))
    }

    @Test func nakedAndDamagedChunksAreSentAgainAndTheImageIsStillRight() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter()
        let image = try files.png("large", width: 300, height: 300)
        // Three frames with a wrong CRC-16 (the tablet answers NAK) and three with damage the CRC-16 misses (the
        // chunk's CRC-32 catches it, and the tablet asks for the chunk again).
        await counter.connection.link.setFaults(LinkFaults(corruptFrames: 3))
        await counter.connection.showImages([image], secondsPerImage: 8)
        try await counter.waitUntil("ten chunks in") { await counter.tablet.chunksReceived >= 10 }
        await counter.connection.link.setFaults(LinkFaults(corruptBodies: 3))
        try await counter.waitUntilHeld([image])
        #expect(await counter.tablet.imageBytes(image.sha256) == files.bytes(image))
        let received = await counter.tablet.chunksReceived
        // Each damaged chunk is sent again from where the tablet stopped, not the whole image from the start.
        #expect(received > files.chunks(image), "the damaged chunks reached the tablet and were sent again")
        #expect(received < files.chunks(image) + 30, "\(received) chunks for an image of \(files.chunks(image))")
        #expect(await counter.connection.link.faults == LinkFaults())
    }

    @Test func anImageThatFailsItsSHA256IsNeverKept() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter()
        let good = try files.png("good", width: 40, height: 40)
        var bytes = files.bytes(good)
        bytes[bytes.count / 2] ^= 0xFF
        // The shelf's file no longer matches its name: every chunk passes its CRC-32, the whole fails its SHA-256.
        let damaged = try files.keep(bytes, title: "damaged", format: "png", width: 40, height: 40,
                                     sha256: String(repeating: "0", count: 64))
        await counter.connection.showImages([damaged], secondsPerImage: 8)
        let tries = ImageDelivery.maxRefusals * files.chunks(damaged)
        try await counter.waitUntil("every try received") { await counter.tablet.chunksReceived == tries }
        await counter.connection.showImages([damaged, good], secondsPerImage: 8)
        try await counter.waitUntilHeld([good])
        #expect(await counter.tablet.holdings?.images == [good.sha256])
        #expect(await counter.tablet.chunksReceived == tries + files.chunks(good), "the refused image is not sent a fourth time")
        try await counter.waitUntil("the agent counting one held, the refused one still to send") {
            await counter.connection.imageCounts.map { $0 == (1, 1) } ?? false
        }
    }

    @Test func aReplugMidTransferResumesFromThePartialOffset() async throws {
        let folder = files.folder.appendingPathComponent("tablet")
        defer { files.remove() }
        let image = try files.png("large", width: 400, height: 400)
        let before = try await ImageCounter(folder: folder)
        await before.connection.showImages([image], secondsPerImage: 8)
        try await before.waitUntil("partly received") { await before.tablet.chunksReceived >= 40 }
        before.unplug()

        let counter = try await ImageCounter(folder: folder)
        let partial = try #require(await counter.tablet.holdings?.partial)
        #expect(partial.sha256 == image.sha256 && partial.offset >= 40 * ImageChunk.maxBytes)
        await counter.connection.showImages([image], secondsPerImage: 8)
        let seen = try await counter.screens { if case .image = $0 { true } else { false } }
        #expect(seen.last == .image(ImageOffer(image, offset: partial.offset)), "the agent continues from the tablet's offset")
        try await counter.waitUntilHeld([image])
        #expect(await counter.tablet.imageBytes(image.sha256) == files.bytes(image))
        #expect(await counter.tablet.chunksReceived == files.chunks(image) - partial.offset / ImageChunk.maxBytes)
    }

    @Test func aPromptGoesBeforeTheNextChunkAndTheTransferResumesAtIdle() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter()
        let images = [try files.png("one", width: 400, height: 400), try files.png("two", width: 400, height: 400, rgb: (1, 2, 3))]
        await counter.connection.showImages(images, secondsPerImage: 8)
        try await counter.waitUntil("the transfer running") { await counter.tablet.chunksReceived >= 5 }
        let prompt = TabletPrompt(mode: .barcodeOrPhone, title: "Phone number or card", amount: 4_500, timeoutSeconds: 60)
        let before = await counter.tablet.chunksReceived
        try await counter.connection.show(.prompt(prompt))
        let untilPrompt = try await counter.screens { $0 == .prompt(prompt) }
        let chunksBefore = untilPrompt.filter { if case .chunk = $0 { true } else { false } }.count
        // The chunk outstanding when the prompt was asked for, and at most one whose sending had begun.
        let behind = await counter.tablet.chunksReceived - before
        #expect(behind <= 2, "the prompt waited behind \(behind) chunks")
        #expect(chunksBefore >= 5)
        #expect(await counter.tablet.holdings?.images.isEmpty == true, "the prompt came in the middle of the first image")
        let result = TabletResult(title: "적립 완료", lines: ["포인트 +45"], points: 45)
        try await counter.connection.show(.result(result))
        try await counter.connection.show(.idle)
        let whileBusy = try await counter.screens { if case .rotation = $0 { true } else { false } }
        #expect(whileBusy.first == .result(result), "nothing came between the prompt and the result: \(whileBusy.prefix(2))")
        #expect(whileBusy.count == 2, "nothing came between the result and the idle screen")
        try await counter.waitUntilHeld(images)
        for image in images { #expect(await counter.tablet.imageBytes(image.sha256) == files.bytes(image)) }
        try await counter.waitUntil("rotating both") { await counter.tablet.rotation?.images == images.map(\.sha256) }
    }

    @Test func aPromptAskedForWhileTheIdleScreenIsOnItsWayStopsTheTransfer() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter()
        await counter.connection.showImages([try files.png("one", width: 500, height: 500)], secondsPerImage: 8)
        try await counter.waitUntil("the transfer running") { await counter.tablet.chunksReceived >= 5 }
        let prompt = TabletPrompt(mode: .points, title: "사용할 포인트", balance: 3_000, timeoutSeconds: 60)
        // The idle screen goes first and the prompt waits for its turn behind it, as when a checkout starts
        // just as a result gives way to the idle screen.
        let connection = counter.connection
        // One lost ACK keeps the idle screen (or the chunk before it) outstanding for a second.
        await counter.tablet.setFaults(LinkFaults(dropAcks: 1))
        let idle = Task { try await connection.show(.idle) }
        try await counter.waitUntil("the idle screen on its way") { await !connection.onIdleScreen }
        try await connection.show(.prompt(prompt))
        try await idle.value
        try await connection.show(.message(text: "감사합니다"))
        let seen = try await counter.screens { $0 == .message(text: "감사합니다") }
        let promptAt = try #require(seen.firstIndex(of: .prompt(prompt)))
        #expect(!seen[promptAt...].contains { if case .chunk = $0 { true } else { false } }, "no chunk while the prompt is on screen")
    }

    @Test func anImageHiddenMeanwhileLeavesTheIdleFrame() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter()
        let images = [try files.png("one", width: 30, height: 30), try files.jpeg("two", width: 60, height: 40)]
        await counter.connection.showImages(images, secondsPerImage: 8)
        try await counter.waitUntil("rotating both") { await counter.tablet.rotation?.images == images.map(\.sha256) }
        await counter.connection.showImages([images[1]], secondsPerImage: 12)
        let seen = try await counter.screens { $0 == .rotation(IdleRotation(images: [images[1].sha256], secondsPerImage: 12)) }
        #expect(seen.last != nil)
        try await counter.waitUntil("the agent counting one held") { await counter.connection.imageCounts.map { $0 == (1, 0) } ?? false }
    }

    @Test func aTabletThatTakesNoImagesGetsThePlainIdleScreenAndNoTransfer() async throws {
        defer { files.remove() }
        let counter = try await ImageCounter(takesImages: false)
        await counter.connection.showImages([try files.png("one", width: 30, height: 30)], secondsPerImage: 8)
        try await counter.connection.show(.idle)
        try await counter.connection.show(.message(text: "감사합니다"))
        #expect(try await counter.screens.next() == .idle)
        #expect(try await counter.screens.next() == .message(text: "감사합니다"), "no image frame between them")
        #expect(await counter.connection.imageCounts == nil)
        #expect(await counter.tablet.chunksReceived == 0)
    }

    @Test func whatTheTabletHoldsBeyondTheSetIsForgottenAndAHiddenImageIsKept() async throws {
        let folder = files.folder.appendingPathComponent("tablet")
        defer { files.remove() }
        let kept = try files.png("kept", width: 40, height: 40)
        let hidden = try files.jpeg("hidden", width: 60, height: 40)
        let dropped = try files.png("dropped", width: 50, height: 50, rgb: (10, 120, 220))
        let before = try await ImageCounter(folder: folder)
        await before.connection.showImages([kept, hidden, dropped], secondsPerImage: 8)
        try await before.waitUntilHeld([kept, hidden, dropped])
        before.unplug()

        // Not knowing the set yet, the agent forgets nothing.
        let unsure = try await ImageCounter(folder: folder)
        await unsure.connection.showImages([kept], secondsPerImage: 8)
        _ = try await unsure.screens { $0 == .rotation(IdleRotation(images: [kept.sha256], secondsPerImage: 8)) }
        #expect(await unsure.tablet.holdings?.images.count == 3)
        unsure.unplug()

        // The set now holds `kept` (shown) and `hidden` (not shown today); `dropped` left it.
        let counter = try await ImageCounter(folder: folder)
        await counter.connection.showImages([kept], keeping: [kept.sha256, hidden.sha256], secondsPerImage: 8)
        let seen = try await counter.screens { if case .forget = $0 { true } else { false } }
        #expect(seen.last == .forget([dropped.sha256]))
        try await counter.waitUntil("the tablet deleting the dropped image") {
            await counter.tablet.holdings?.images == [kept.sha256, hidden.sha256].sorted()
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.hasPrefix(dropped.sha256) }, "its file is gone: \(names)")
        #expect(names.contains { $0.hasPrefix(hidden.sha256) }, "the hidden image stays for when it is shown again")
        #expect(await counter.connection.imageCounts.map { $0 == (1, 0) } ?? false)
    }
}
