import Hummingbird

/// One file of the cashier screen, compiled into the binary: an installed posagent serves its page with
/// nothing beside it on disk (SwiftPM resource bundles are looked up next to the build directory).
struct WebAsset: Sendable {
    let path: String
    let contentType: String
    let text: String

    func response() -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

enum WebAssets {
    static let all = [
        WebAsset(path: "/", contentType: "text/html; charset=utf-8", text: indexPage),
        WebAsset(path: "/assets/screen.css", contentType: "text/css; charset=utf-8", text: screenStyle),
        WebAsset(path: "/assets/screen.js", contentType: "text/javascript; charset=utf-8", text: screenScript),
    ]
}
