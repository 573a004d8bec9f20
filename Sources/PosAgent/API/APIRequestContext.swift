import Hummingbird
import NIOCore

/// The request context of the socket API: Hummingbird's core plus the caller's peer credentials.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are small JSON documents; anything larger is refused before it is read.
    var maxUploadSize: Int { 64 * 1024 }
}
