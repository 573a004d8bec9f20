import Foundation

/// What the agent still has to send one tablet of the images to show: which the tablet holds, the image
/// being sent and how far, and which wait for the tablet's verdict. It sends frames one at a time, so a
/// prompt can go between any two.
struct ImageDelivery {
    /// The images to show, in order.
    private(set) var images: [TabletImage] = []
    private(set) var secondsPerImage = 8
    /// What the tablet holds whole; nil when it takes no images (its hello had no image fields).
    private(set) var held: Set<String>?
    /// The image the tablet holds part of, as its hello said.
    private var partial: String?
    /// Every image of the shop's set, shown today or not: what the tablet keeps. Nil until the agent
    /// knows the set, and then nothing is forgotten.
    private(set) var keeping: Set<String>?
    /// Offsets the tablet told of: its partial image from hello, or a `need`.
    private var resumeAt: [String: Int] = [:]
    private var current: (image: TabletImage, bytes: [UInt8], offset: Int, announced: Bool)?
    /// Sent whole, waiting for `stored` or `need`.
    private var awaiting: Set<String> = []
    /// Images the tablet refused whole (SHA-256) or whose file could not be read: not sent again this session.
    private var refusals: [String: Int] = [:]
    /// The rotation the tablet was last told; a new session's idle screen shows none.
    private(set) var rotationShown: IdleRotation?

    static let maxRefusals = 3

    var takesImages: Bool { held != nil }

    /// The images to rotate: those of the set the tablet holds, in the set's order.
    var rotation: IdleRotation {
        IdleRotation(images: images.map(\.sha256).filter { held?.contains($0) == true }, secondsPerImage: secondsPerImage)
    }

    /// Whether the tablet's idle screen shows something else than `rotation`.
    var rotationIsStale: Bool {
        rotation != (rotationShown ?? IdleRotation(images: [], secondsPerImage: secondsPerImage))
    }

    /// How many of the set the tablet holds, and how many are still to send; nil for a tablet that takes none.
    var counts: (held: Int, toSend: Int)? {
        guard let held else { return nil }
        let holding = images.filter { held.contains($0.sha256) }.count
        return (holding, images.count - holding)
    }

    mutating func show(_ images: [TabletImage], keeping: Set<String>?, secondsPerImage: Int) {
        self.images = images
        self.keeping = keeping.map { $0.union(images.map(\.sha256)) }
        self.secondsPerImage = secondsPerImage
        if let current, !images.contains(where: { $0.sha256 == current.image.sha256 }) {
            resumeAt[current.image.sha256] = current.offset
            self.current = nil
        }
    }

    /// A new session: what the tablet said in its hello replaces everything known of it.
    mutating func greeted(_ holdings: TabletHoldings?) {
        held = holdings.map { Set($0.images) }
        partial = holdings?.partial?.sha256
        resumeAt = [:]
        if let partial = holdings?.partial { resumeAt[partial.sha256] = partial.offset }
        current = nil
        awaiting = []
        refusals = [:]
        rotationShown = nil
    }

    mutating func shown(_ rotation: IdleRotation) { rotationShown = rotation }

    mutating func stored(_ sha256: String) {
        held?.insert(sha256)
        awaiting.remove(sha256)
        resumeAt[sha256] = nil
    }

    mutating func need(_ sha256: String, from offset: Int) {
        // Offset 0 after the last chunk: the whole image failed its SHA-256 at the tablet.
        if offset == 0, awaiting.contains(sha256) {
            refusals[sha256, default: 0] += 1
        }
        awaiting.remove(sha256)
        if var sending = current, sending.image.sha256 == sha256 {
            sending.offset = min(max(0, offset), sending.bytes.count)
            sending.announced = false
            current = sending
        } else {
            resumeAt[sha256] = offset
        }
    }

    /// The images the tablet holds, whole or partial, that are no longer in the set, in hash order.
    var forgettable: [String] {
        guard let held, let keeping else { return [] }
        return (held.union(partial.map { [$0] } ?? [])).subtracting(keeping).sorted()
    }

    /// `forget` for what the tablet holds but the set no longer has, or nil; the tablet is taken to
    /// have deleted them once the frame is sent.
    mutating func forgetFrame() -> AgentMessage? {
        let stale = forgettable
        guard !stale.isEmpty else { return nil }
        held?.subtract(stale)
        if let partial, stale.contains(partial) {
            self.partial = nil
            resumeAt[partial] = nil
        }
        return .forget(stale)
    }

    /// The next frame of the transfer (an image's announcement or its next chunk), or nil when there is
    /// nothing to send. Throws when an image's file cannot be read; that image is skipped from then on.
    mutating func nextFrame() throws(DeviceIOError) -> AgentMessage? {
        guard let held else { return nil }
        if current == nil {
            guard let image = images.first(where: { image in
                !held.contains(image.sha256) && !awaiting.contains(image.sha256) && refusals[image.sha256, default: 0] < Self.maxRefusals
            }) else { return nil }
            guard let data = FileManager.default.contents(atPath: image.path), data.count == image.size else {
                refusals[image.sha256] = Self.maxRefusals
                throw DeviceIOError(.ioFailed, "could not read the marketing image \(image.path) (\(image.size) bytes); it is not sent to the tablet")
            }
            let offset = resumeAt.removeValue(forKey: image.sha256) ?? 0
            current = (image, Array(data), offset <= data.count ? offset : 0, false)
        }
        guard var sending = current else { return nil }
        if !sending.announced {
            sending.announced = true
            current = sending
            return .image(ImageOffer(sending.image, offset: sending.offset))
        }
        let end = min(sending.offset + ImageChunk.maxBytes, sending.bytes.count)
        let chunk = ImageChunk(sha256: sending.image.sha256, offset: sending.offset, data: Array(sending.bytes[sending.offset..<end]))
        sending.offset = end
        if end == sending.bytes.count {
            awaiting.insert(sending.image.sha256)
            current = nil
        } else {
            current = sending
        }
        return .chunk(chunk)
    }
}
