import Foundation

/// What the shop's set of marketing images refuses: files that are not whole JPEG or PNG images, images
/// too large, titles and date windows that cannot be used, ids that are not in the set.
public struct MarketingError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes are neither a JPEG nor a PNG, whatever the file is called.
        public static let notAnImage = Code(rawValue: "not_an_image")
        /// A JPEG or PNG that stops before its end, or whose structure is broken.
        public static let damagedImage = Code(rawValue: "damaged_image")
        /// More bytes than the set keeps for one image.
        public static let imageTooLarge = Code(rawValue: "image_too_large")
        /// More pixels across or down than the tablet can show.
        public static let imageDimensions = Code(rawValue: "image_dimensions")
        public static let imageExists = Code(rawValue: "image_exists")
        /// The set holds as many images as a tablet keeps.
        public static let setFull = Code(rawValue: "set_full")
        public static let imageNotFound = Code(rawValue: "image_not_found")
        public static let invalidTitle = Code(rawValue: "invalid_title")
        public static let invalidWindow = Code(rawValue: "invalid_window")
        public static let invalidOrder = Code(rawValue: "invalid_order")
        /// The image is the chain's (from the central server): it goes when the chain drops it.
        public static let chainImage = Code(rawValue: "chain_image")
    }

    public let code: Code
    public let message: String
    /// For `imageExists`: the image already holding these bytes.
    public var imageID: Int64?

    public init(_ code: Code, _ message: String, imageID: Int64? = nil) {
        self.code = code
        self.message = message
        self.imageID = imageID
    }

    public var description: String { message }
}
