import Foundation

/// A `sockaddr_un` for a filesystem path, shared by the HTTP client and the READY=1 listener.
struct UnixSocketAddress {
    private var address = sockaddr_un()

    init(path: String) throws(CounterBenchError) {
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw CounterBenchError("the socket path \(path) is too long; pass a shorter --directory")
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    }

    /// Calls `body` with the address as a `sockaddr` and its length (`connect`, `bind`).
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        withUnsafePointer(to: address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}
