import Hummingbird
import NIOCore

/// The request context of the socket API and the cashier screen: Hummingbird's core plus who calls —
/// the peer credentials of the socket's channel, or the screen's signed-in session.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// Set by the cashier screen's session check; nil on the socket, where the kernel says who calls.
    var signedIn: Caller?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are small JSON documents; anything larger is refused before it is read.
    var maxUploadSize: Int { 64 * 1024 }
}
