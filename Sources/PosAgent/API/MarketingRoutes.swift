import Foundation
import Hummingbird
import Loyalty
import NIOCore
import SyncWire

/// The shop's marketing images over the socket: anyone at the counter lists them and fetches their
/// bytes; managers add (the image as the raw body), show, hide, remove and order them, audited.
struct MarketingRoutes: Sendable {
    let api: SocketAPI
    var images: MarketingSet { api.marketing }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "the marketing images")
        return try api.json(list(try await images.images()))
    }

    @Sendable func add(_ request: Request, context: APIRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let details = MarketingImageDetails(
            title: parameters.get("title") ?? "",
            from: try parameters.get("from").map { text throws(LedgerError) in try StoreDay(parsing: text) },
            until: try parameters.get("until").map { text throws(LedgerError) in try StoreDay(parsing: text) })
        let caller = try await api.manager(request, context, for: "adding a marketing image")
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: MarketingSet.maxBytes)
        } catch is NIOTooManyBytesError {
            throw MarketingError(.imageTooLarge, "an image is at most \(MarketingSet.maxBytes) bytes (1 MiB); save it smaller and send it again")
        }
        let added = try await images.add(Array(buffer: bytes), details: details, audit: note(.marketingImageAdded, caller))
        api.marketingChanges.changed()
        return try api.json(["image": MarketingImageView(added, timeZone: api.timeZone)], status: .created)
    }

    @Sendable func image(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "a marketing image")
        return try api.json(["image": MarketingImageView(try await images.image(try id(context)), timeZone: api.timeZone)])
    }

    @Sendable func content(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "a marketing image")
        let image = try await images.image(try id(context))
        let bytes = try images.bytes(of: image)
        return Response(status: .ok, headers: [.contentType: image.format.mediaType, .cacheControl: "private, max-age=86400, immutable",
                                               .eTag: "\"\(image.sha256)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try await setHidden(false, request, context)
    }

    @Sendable func hide(_ request: Request, context: APIRequestContext) async throws -> Response {
        try await setHidden(true, request, context)
    }

    @Sendable func remove(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try id(context)
        let caller = try await api.manager(request, context, for: "removing a marketing image")
        let removed = try await images.remove(id, audit: note(.marketingImageRemoved, caller))
        api.marketingChanges.changed()
        return try api.json(["removed": removed.id])
    }

    @Sendable func reorder(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(MarketingOrderBody.self, from: request, context: context)
        let caller = try await api.manager(request, context, for: "ordering the marketing images")
        let ordered = try await images.reorder(body.ids, audit: note(.marketingOrderChanged, caller))
        api.marketingChanges.changed()
        return try api.json(list(ordered))
    }

    private func setHidden(_ hidden: Bool, _ request: Request, _ context: APIRequestContext) async throws -> Response {
        let id = try id(context)
        let caller = try await api.manager(request, context, for: hidden ? "hiding a marketing image" : "showing a marketing image")
        let image = try await images.setHidden(id, hidden, audit: note(.marketingImageHidden, caller))
        api.marketingChanges.changed()
        return try api.json(["image": MarketingImageView(image, timeZone: api.timeZone)])
    }

    /// The set as the API answers it: every image in order, and which the tablet shows today.
    private func list(_ all: [MarketingImage]) -> ImageList {
        let today = images.today()
        return ImageList(images: all.map { MarketingImageView($0, timeZone: api.timeZone) },
                         showing: all.filter { $0.isShown(on: today) }.map(\.id))
    }

    private func id(_ context: APIRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw Problem.badRequest("bad_image", "the image id in the path must be a whole number (posagent marketing list shows them)")
        }
        return id
    }

    private func note(_ action: AuditAction, _ caller: Caller) -> AuditNote {
        AuditNote(action, manager: caller.manager?.id, caller: caller.account)
    }

    struct ImageList: Codable {
        var images: [MarketingImageView]
        /// The ids the tablet rotates today, in order.
        var showing: [Int64]
    }
}

struct MarketingOrderBody: StrictBody {
    var ids: [Int64]
    static let fields: Set<String> = ["ids"]
}

/// An image as the API and the CLI show it.
struct MarketingImageView: Codable {
    var id: Int64
    var sha256: String
    var format: String
    var mediaType: String
    var width: Int
    var height: Int
    var bytes: Int
    var title: String
    var from: String?
    var until: String?
    var position: Int
    var hidden: Bool
    var origin: String
    var addedAt: String
    var addedBy: String

    init(_ image: MarketingImage, timeZone: TimeZone) {
        id = image.id
        sha256 = image.sha256
        format = image.format.rawValue
        mediaType = image.format.mediaType
        width = image.width
        height = image.height
        bytes = image.bytes
        title = image.title
        from = image.from?.description
        until = image.until?.description
        position = image.position
        hidden = image.hidden
        origin = image.origin
        addedAt = Timestamp.rfc3339(image.addedAt, in: timeZone)
        addedBy = image.addedBy
    }
}
