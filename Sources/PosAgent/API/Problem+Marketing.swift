import HTTPTypes
import Loyalty
import SyncWire

extension Problem {
    /// The HTTP face of a marketing-set refusal: 413 for an image too large, 404 for an id not in the
    /// set, 409 for the same image twice, a full set or a chain image removed here, 422 for a file that is not a whole JPEG or PNG.
    init(_ error: MarketingError) {
        let status: HTTPResponse.Status = switch error.code {
        case .imageTooLarge: .contentTooLarge
        case .imageNotFound: .notFound
        case .imageExists, .chainImage, .setFull: .conflict
        default: .unprocessableContent
        }
        self.init(status: status, code: error.code.rawValue, detail: error.message)
    }
}
