import NIOSSL

/// HTTPS for `serve` from `[server] tls_certificate` and `tls_key` (PEM): read and checked at start, so a
/// wrong file stops `serve` with the file named instead of failing every shop's handshake later.
enum ServerTLS {
    static func configuration(certificate: String, key: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw CentralError(.configuration, "server.tls_certificate \(certificate) is not readable as PEM certificates (\(error)); give the server's certificate chain, the server's own certificate first")
        }
        guard !chain.isEmpty else {
            throw CentralError(.configuration, "server.tls_certificate \(certificate) holds no certificate; give the server's certificate chain in PEM")
        }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw CentralError(.configuration, "server.tls_key \(key) is not readable as a PEM private key (\(error)); give the key of the certificate, unencrypted, readable only by posagent-central")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw CentralError(.configuration, "server.tls_key \(key) does not go with the certificate in \(certificate) (\(error)); give the key the certificate was made for")
        }
        return configuration
    }
}
