import Checksums

/// A marketing image the agent keeps for the tablet's idle screen: a file named by its SHA-256. This layer
/// knows nothing of the shop's set; the daemon says which images to show, in order.
public struct TabletImage: Hashable, Sendable {
    /// SHA-256 of the file, 64 lower-case hex digits: the name both ends know the image by.
    public var sha256: String
    public var title: String
    /// `png` or `jpeg`.
    public var format: String
    public var width: Int
    public var height: Int
    /// The file's length in bytes.
    public var size: Int
    /// Where the agent reads the bytes from.
    public var path: String

    public init(sha256: String, title: String, format: String, width: Int, height: Int, size: Int, path: String) {
        self.sha256 = sha256
        self.title = title
        self.format = format
        self.width = width
        self.height = height
        self.size = size
        self.path = path
    }
}

/// What the idle screen rotates: the images by hash, in order, each shown `secondsPerImage`.
public struct IdleRotation: Hashable, Sendable {
    public var images: [String]
    public var secondsPerImage: Int

    public init(images: [String], secondsPerImage: Int) {
        self.images = images
        self.secondsPerImage = secondsPerImage
    }
}

/// The `image` frame: the chunks that follow, from `offset`, are this image's.
public struct ImageOffer: Hashable, Sendable {
    public var sha256: String
    public var title: String
    public var format: String
    public var width: Int
    public var height: Int
    public var size: Int
    /// Where the chunks start: 0, or what the tablet said it holds of a partial image.
    public var offset: Int

    public init(sha256: String, title: String, format: String, width: Int, height: Int, size: Int, offset: Int) {
        self.sha256 = sha256
        self.title = title
        self.format = format
        self.width = width
        self.height = height
        self.size = size
        self.offset = offset
    }

    public init(_ image: TabletImage, offset: Int) {
        self.init(sha256: image.sha256, title: image.title, format: image.format, width: image.width, height: image.height,
                  size: image.size, offset: offset)
    }
}

/// The `chunk` frame: bytes of an image at `offset`, with their own CRC-32.
public struct ImageChunk: Hashable, Sendable {
    /// Bytes per chunk: as base64 in JSON a chunk frame is about 2.9 KB, a quarter second at 115200 baud, which
    /// is the longest a prompt waits behind one.
    public static let maxBytes = 2048

    public var sha256: String
    public var offset: Int
    public var data: [UInt8]
    public var crc32: UInt32

    public init(sha256: String, offset: Int, data: [UInt8], crc32: UInt32? = nil) {
        self.sha256 = sha256
        self.offset = offset
        self.data = data
        self.crc32 = crc32 ?? CRC32.checksum(data)
    }

    /// Whether the bytes are the ones the sender checked.
    public var isIntact: Bool { CRC32.checksum(data) == crc32 }
}

/// What a tablet that takes images says in its `hello`: the images it holds whole, and the one it holds
/// part of (the agent continues that one from `offset`).
public struct TabletHoldings: Hashable, Sendable {
    public var images: [String]
    public var partial: PartialImage?

    public init(images: [String], partial: PartialImage? = nil) {
        self.images = images
        self.partial = partial
    }
}

public struct PartialImage: Hashable, Sendable {
    public var sha256: String
    public var offset: Int

    public init(sha256: String, offset: Int) {
        self.sha256 = sha256
        self.offset = offset
    }
}
