import ArgumentParser
import Foundation
import NIOCore

/// `posagent-bench plain-upload`: the plain side of `posagent-bench sync`, in a process of its own like the
/// daemon, so that neither side shares the loopback server's process, threads or event loops. Reads every
/// body first, then posts them in order.
struct PlainUploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plain-upload",
        abstract: "Posts recorded upload bodies in order with AsyncHTTPClient alone (run by `posagent-bench sync`).",
        shouldDisplay: false)

    @Option(help: "The upload URL.")
    var url: String

    @Option(help: "A file holding the bearer token.")
    var tokenFile: String

    @Option(help: "A file of recorded uploads written by `posagent-bench sync`.")
    var uploads: String

    func run() async throws {
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8)
        let recorded = try RecordedUploads.read(from: uploads)
        try await PlainUpload(url: url, token: token).post(recorded)
        print("cpu-seconds \(ProcessCPU.own())")
    }
}

/// Uploads as a file: for each, its idempotency key and body, each preceded by its length (8 bytes, little-endian).
enum RecordedUploads {
    static func write(_ uploads: [CentralStore.Upload], to path: String) throws {
        var bytes: [UInt8] = []
        func field(_ data: some Collection<UInt8>) {
            withUnsafeBytes(of: UInt64(data.count).littleEndian) { bytes += $0 }
            bytes += data
        }
        for upload in uploads {
            field(Array(upload.idempotencyKey.utf8))
            field(upload.body.readableBytesView)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func read(from path: String) throws -> [CentralStore.Upload] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var uploads: [CentralStore.Upload] = [], index = 0
        func field() throws -> ArraySlice<UInt8> {
            guard index + 8 <= bytes.count else { throw CounterBenchError("\(path) ends inside an upload") }
            let count = bytes[index..<index + 8].reversed().reduce(0) { $0 << 8 | Int($1) }
            index += 8
            guard count >= 0, index + count <= bytes.count else { throw CounterBenchError("\(path) ends inside an upload") }
            defer { index += count }
            return bytes[index..<index + count]
        }
        while index < bytes.count {
            let key = String(decoding: try field(), as: UTF8.self)
            uploads.append(CentralStore.Upload(idempotencyKey: key, body: ByteBuffer(bytes: try field())))
        }
        return uploads
    }
}
