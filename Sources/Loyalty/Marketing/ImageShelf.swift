import Crypto
import Foundation
import SyncWire

/// The folder that holds the marketing images' bytes, one file per image named by its SHA-256
/// (`<hash>.png`, `<hash>.jpg`). A file is written whole (a temporary file, fsync, rename) before the
/// ledger lists it, and removed after the ledger no longer does, so a listed image always has its file.
public struct ImageShelf: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The shelf beside a ledger file: `<ledger folder>/marketing`.
    public init(besideLedgerAt path: String) {
        directory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("marketing", isDirectory: true)
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    public func url(sha256: String, format: ImageFormat) -> URL {
        directory.appendingPathComponent("\(sha256).\(format.fileExtension)")
    }

    /// Keeps `bytes` under their hash; a file already there with that name is the same image.
    func store(_ bytes: [UInt8], sha256: String, format: ImageFormat) throws {
        let target = url(sha256: sha256, format: format)
        if FileManager.default.fileExists(atPath: target.path) { return }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(sha256).\(UUID().uuidString).part")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw ShelfError(operation: "create", path: temporary.path) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 { if errno == EINTR { continue } else { return false } }
                written += count
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw ShelfError(operation: "write", path: target.path)
        }
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    public func bytes(sha256: String, format: ImageFormat) throws -> [UInt8] {
        let path = url(sha256: sha256, format: format).path
        guard let data = FileManager.default.contents(atPath: path) else { throw ShelfError(operation: "read", path: path) }
        return Array(data)
    }

    func remove(sha256: String, format: ImageFormat) {
        unlink(url(sha256: sha256, format: format).path)
    }

    /// Removes files no listed image names (left by an add whose commit failed, or a crash between the
    /// two steps of a removal).
    func sweep(keeping listed: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where !listed.contains(name) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}

public struct ShelfError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var path: String
    public var reason = String(cString: strerror(errno))

    public var description: String { "could not \(operation) the marketing image file \(path): \(reason); check the state folder's space and permissions" }
}
