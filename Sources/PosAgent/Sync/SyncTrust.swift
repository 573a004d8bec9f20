import NIOSSL

/// Which certificates the uploads trust: the system's roots, and a chain's own CA from `[sync] ca_file`
/// (PEM) when it runs its central server with a private certificate. Read once at start: a file that
/// holds no certificate stops the start with the file named, as a wrong setting does.
enum SyncTrust {
    static func tlsConfiguration(caFile: String?) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        guard let caFile else { return configuration }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw ConfigurationError(file: caFile, problems: [
                "sync.ca_file cannot be read as PEM certificates (\(error)); give the CA certificate that signed the central server's, or remove ca_file to trust the system's roots only",
            ])
        }
        guard !certificates.isEmpty else {
            throw ConfigurationError(file: caFile, problems: ["sync.ca_file holds no certificate; give the central server's CA certificate in PEM"])
        }
        configuration.additionalTrustRoots = [.certificates(certificates)]
        return configuration
    }
}
