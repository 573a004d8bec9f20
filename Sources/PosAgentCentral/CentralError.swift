/// What went wrong in `posagent-central`, in words that say what to do.
struct CentralError: Error, Hashable, Sendable, CustomStringConvertible {
    struct Code: RawRepresentable, Hashable, Sendable {
        var rawValue: String
        static let configuration = Code(rawValue: "configuration")
        static let schema = Code(rawValue: "schema")
        static let unknownStore = Code(rawValue: "unknown_store")
        static let storeExists = Code(rawValue: "store_exists")
        static let invalidStore = Code(rawValue: "invalid_store")
        static let revokedStore = Code(rawValue: "revoked_store")
        static let invalidPhone = Code(rawValue: "invalid_phone")
        static let otpSecretExists = Code(rawValue: "otp_secret_exists")
        static let invalidDate = Code(rawValue: "invalid_date")
        static let invalidImage = Code(rawValue: "invalid_image")
        static let unknownImage = Code(rawValue: "unknown_image")
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
