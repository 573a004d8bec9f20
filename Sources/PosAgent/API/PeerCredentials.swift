import Foundation
import NIOCore

/// Who is on the other end of a Unix-socket connection, as the kernel says (SO_PEERCRED, SO_PEERGROUPS).
struct PeerCredentials: Sendable, Hashable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32
    /// Primary and supplementary groups.
    var groups: Set<UInt32>

    /// `struct ucred` from <sys/socket.h>, which Glibc's Swift overlay does not export.
    private struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// Room for 64 supplementary groups; the kernel fills what it has and NIO zeroes the rest.
    private struct PeerGroups: Sendable {
        var gids: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                   UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                   UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                   UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                   UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                   UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// The credentials of a Unix-socket connection; nil on any other kind of channel, where these
    /// options would return junk.
    static func of(_ channel: any Channel) async -> PeerCredentials? {
        guard case .unixDomainSocket = channel.remoteAddress ?? channel.localAddress,
            let provider = channel as? any SocketOptionProvider
        else { return nil }
        do {
            let credentials: UCred = try await provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
            ).get()
            var groups: Set<UInt32> = [credentials.gid]
            if let supplementary: PeerGroups = try? await provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERGROUPS)
            ).get() {
                withUnsafeBytes(of: supplementary.gids) { raw in
                    for gid in raw.bindMemory(to: UInt32.self) where gid != 0 { groups.insert(gid) }
                }
            }
            return PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid, groups: groups)
        } catch {
            return nil
        }
    }
}
