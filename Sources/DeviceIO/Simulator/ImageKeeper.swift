import Crypto
import Foundation

/// The images a tablet keeps for its idle screen: whole ones, each checked against its SHA-256 before it is
/// kept, and at most one partial image being received. With a folder they outlive the tablet, so a replugged
/// one says what it holds and the agent continues the partial image where it stopped.
///
/// The folder holds `<sha256>.png|jpg` (whole), `<sha256>.part` (partial) and `<sha256>.json` (its title,
/// format, size).
struct ImageKeeper {
    /// What the tablet should tell the agent after a frame.
    enum Verdict: Hashable {
        case stored(String)
        case need(String, offset: Int)
    }

    private let folder: URL?
    private(set) var whole: [String: ImageFile] = [:]
    private var wholeBytes: [String: [UInt8]] = [:]
    private var partial: (kept: ImageFile, bytes: [UInt8])?
    /// The last `need` told, so the chunks already on their way after it do not repeat it.
    private var lastNeed: Verdict?

    init(folder: URL?) {
        self.folder = folder
        guard let folder else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let kept = try? JSONDecoder().decode(ImageFile.self, from: data) else { continue }
            if let url = wholeURL(kept), let bytes = FileManager.default.contents(atPath: url.path), Self.sha256(Array(bytes)) == kept.sha256 {
                whole[kept.sha256] = kept
                wholeBytes[kept.sha256] = Array(bytes)
            } else if partial == nil, let url = partURL(kept.sha256), let bytes = FileManager.default.contents(atPath: url.path),
                      bytes.count < kept.size {
                partial = (kept, Array(bytes))
            }
        }
    }

    /// What the hello says.
    var holdings: TabletHoldings {
        TabletHoldings(images: whole.keys.sorted(), partial: partial.map { PartialImage(sha256: $0.kept.sha256, offset: $0.bytes.count) })
    }

    /// The bytes of a whole image.
    func bytes(of sha256: String) -> [UInt8]? { wholeBytes[sha256] }

    /// How many bytes of the image being received are in.
    var partialOffset: (sha256: String, offset: Int)? { partial.map { ($0.kept.sha256, $0.bytes.count) } }

    /// The agent announces an image; nil when its chunks can follow, a `need` when they start elsewhere
    /// than this tablet holds.
    mutating func begin(_ offer: ImageOffer) -> Verdict? {
        lastNeed = nil
        if whole[offer.sha256] != nil { return .stored(offer.sha256) }
        let held = partial.flatMap { $0.kept.sha256 == offer.sha256 ? $0.bytes : nil } ?? []
        if let old = partial, old.kept.sha256 != offer.sha256 { discardPartial(old.kept.sha256) }
        let kept = offer.file
        partial = (kept, held)
        write(kept, fresh: held.isEmpty)
        return offer.offset == held.count ? nil : need(offer.sha256, held.count)
    }

    /// A chunk arrived; nil while the image is incomplete and in step.
    mutating func receive(_ chunk: ImageChunk) -> Verdict? {
        guard var receiving = partial, receiving.kept.sha256 == chunk.sha256 else {
            return whole[chunk.sha256] != nil ? nil : need(chunk.sha256, 0)
        }
        guard chunk.offset == receiving.bytes.count, chunk.isIntact,
              receiving.bytes.count + chunk.data.count <= receiving.kept.size else {
            return need(chunk.sha256, receiving.bytes.count)
        }
        lastNeed = nil
        receiving.bytes += chunk.data
        append(chunk.data, to: chunk.sha256)
        guard receiving.bytes.count == receiving.kept.size else {
            partial = receiving
            return nil
        }
        partial = nil
        guard Self.sha256(receiving.bytes) == receiving.kept.sha256 else {
            discardPartial(receiving.kept.sha256)
            return need(chunk.sha256, 0)
        }
        whole[receiving.kept.sha256] = receiving.kept
        wholeBytes[receiving.kept.sha256] = receiving.bytes
        if let part = partURL(receiving.kept.sha256), let kept = wholeURL(receiving.kept) { rename(part.path, kept.path) }
        return .stored(receiving.kept.sha256)
    }

    private mutating func need(_ sha256: String, _ offset: Int) -> Verdict? {
        let verdict = Verdict.need(sha256, offset: offset)
        guard verdict != lastNeed else { return nil }
        lastNeed = verdict
        return verdict
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Deletes these images, whole or partial, from memory and the folder.
    mutating func forget(_ hashes: [String]) {
        for sha256 in hashes {
            if let kept = whole.removeValue(forKey: sha256) {
                wholeBytes[sha256] = nil
                if let url = wholeURL(kept) { unlink(url.path) }
                if let folder { unlink(folder.appendingPathComponent("\(sha256).json").path) }
            }
            if partial?.kept.sha256 == sha256 {
                partial = nil
                discardPartial(sha256)
            }
        }
    }

    // MARK: The folder

    private func wholeURL(_ kept: ImageFile) -> URL? {
        folder?.appendingPathComponent("\(kept.sha256).\(kept.format == "jpeg" ? "jpg" : kept.format)")
    }

    private func partURL(_ sha256: String) -> URL? { folder?.appendingPathComponent("\(sha256).part") }

    private func write(_ kept: ImageFile, fresh: Bool) {
        guard let folder, let part = partURL(kept.sha256), let data = try? JSONEncoder().encode(kept) else { return }
        try? data.write(to: folder.appendingPathComponent("\(kept.sha256).json"))
        if fresh { FileManager.default.createFile(atPath: part.path, contents: Data()) }
    }

    private func append(_ bytes: [UInt8], to sha256: String) {
        guard let part = partURL(sha256), let handle = FileHandle(forWritingAtPath: part.path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(bytes))
    }

    private func discardPartial(_ sha256: String) {
        guard let folder, let part = partURL(sha256) else { return }
        unlink(part.path)
        unlink(folder.appendingPathComponent("\(sha256).json").path)
    }
}
