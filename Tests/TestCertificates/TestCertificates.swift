import Foundation

/// A private CA and a server certificate it signed for 127.0.0.1 and localhost, made by openssl for a
/// test, as a chain running its own central server would make them: PEM files in `directory`.
public struct TestCertificates: Sendable {
    public let ca: URL
    public let certificate: URL
    public let key: URL
    /// A second CA that signed nothing here: trusting it alone must not trust the server.
    public let strangerCA: URL

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(in directory: URL) throws {
        ca = directory.appendingPathComponent("ca.pem")
        certificate = directory.appendingPathComponent("server.pem")
        key = directory.appendingPathComponent("server.key")
        strangerCA = directory.appendingPathComponent("stranger-ca.pem")
        let caKey = directory.appendingPathComponent("ca.key"), request = directory.appendingPathComponent("server.csr")
        let extensions = directory.appendingPathComponent("server.ext")
        try "subjectAltName = IP:127.0.0.1, DNS:localhost\nextendedKeyUsage = serverAuth\n"
            .write(to: extensions, atomically: true, encoding: .utf8)
        let stranger = directory.appendingPathComponent("stranger-ca.key")
        for arguments in [
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.path,
             "-out", ca.path, "-days", "2", "-subj", "/CN=posagent test chain CA"],
            ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.path,
             "-out", request.path, "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", request.path, "-CA", ca.path, "-CAkey", caKey.path, "-CAcreateserial",
             "-out", certificate.path, "-days", "2", "-extfile", extensions.path],
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", stranger.path,
             "-out", strangerCA.path, "-days", "2", "-subj", "/CN=another CA"],
        ] {
            try Self.openssl(arguments)
        }
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: complaint, as: UTF8.self))")
        }
    }
}
