import Checksums

/// What both ends of the tablet protocol know of a marketing image file: its SHA-256 (64 lower-case hex
/// digits, the name both ends know it by), title, `png` or `jpeg`, pixels, and length in bytes.
public struct ImageFile: Hashable, Sendable, Codable {
    public var sha256: String
    public var title: String
    public var format: String
    public var width: Int
    public var height: Int
    public var size: Int

    public init(sha256: String, title: String, format: String, width: Int, height: Int, size: Int) {
        self.sha256 = sha256
        self.title = title
        self.format = format
        self.width = width
        self.height = height
        self.size = size
    }
}

/// A marketing image the agent keeps for the tablet's idle screen, and where it reads the bytes from.
/// This layer knows nothing of the shop's set; the daemon says which images to show, in order.
@dynamicMemberLookup
public struct TabletImage: Hashable, Sendable {
    public var file: ImageFile
    public var path: String

    public init(sha256: String, title: String, format: String, width: Int, height: Int, size: Int, path: String) {
        file = ImageFile(sha256: sha256, title: title, format: format, width: width, height: height, size: size)
        self.path = path
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<ImageFile, Value>) -> Value { file[keyPath: keyPath] }
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
@dynamicMemberLookup
public struct ImageOffer: Hashable, Sendable {
    public var file: ImageFile
    /// Where the chunks start: 0, or what the tablet said it holds of a partial image.
    public var offset: Int

    public init(sha256: String, title: String, format: String, width: Int, height: Int, size: Int, offset: Int) {
        self.init(ImageFile(sha256: sha256, title: title, format: format, width: width, height: height, size: size), offset: offset)
    }

    public init(_ image: TabletImage, offset: Int) {
        self.init(image.file, offset: offset)
    }

    public init(_ file: ImageFile, offset: Int) {
        self.file = file
        self.offset = offset
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<ImageFile, Value>) -> Value { file[keyPath: keyPath] }
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
