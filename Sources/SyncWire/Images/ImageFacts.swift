/// The two kinds of image the tablet shows.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case png
    case jpeg

    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        }
    }

    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        }
    }
}

/// What an image file says about itself, read from its bytes (never from its name).
public struct ImageFacts: Sendable, Hashable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The tablet's idle screen, in pixels: an image of this size fills it without scaling.
    public static let recommendedWidth = 638
    public static let recommendedHeight = 708
    /// The most pixels across or down an image may have.
    public static let maxSide = 4096
    /// The most bytes one image may have (1 MiB), and the most images a set holds (what a tablet keeps).
    public static let maxBytes = 1_048_576
    public static let maxImages = 50

    /// Reads the format and dimensions, and checks the file is whole: a PNG's chunks (with their CRCs) to
    /// IEND, a JPEG's segments to the start of its scan and its end marker.
    public static func inspect(_ bytes: [UInt8]) throws(MarketingError) -> ImageFacts {
        let facts: ImageFacts
        if PNGStructure.hasSignature(bytes) {
            facts = try PNGStructure.inspect(bytes)
        } else if JPEGStructure.hasSignature(bytes) {
            facts = try JPEGStructure.inspect(bytes)
        } else {
            throw MarketingError(.notAnImage, "this file is neither a JPEG nor a PNG image (by its content, whatever its name); save it as JPG or PNG and add it again")
        }
        guard (1...maxSide).contains(facts.width), (1...maxSide).contains(facts.height) else {
            throw MarketingError(
                .imageDimensions,
                "this image is \(facts.width) × \(facts.height) pixels; the tablet shows at most \(maxSide) × \(maxSide) (\(recommendedWidth) × \(recommendedHeight) fills its screen)")
        }
        return facts
    }

    public var isRecommendedSize: Bool { width == Self.recommendedWidth && height == Self.recommendedHeight }
}
