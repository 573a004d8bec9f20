import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import PostgresNIO
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the shops' uploads and secrets feed on [server] address and port.")

    @OptionGroup var options: CentralOptions
    @Option(help: "The port, instead of [server] port (0: any free one, printed at start).") var port: Int?

    func run() async throws {
        let settings = try options.load()
        var logger = Logger(label: "posagent-central")
        logger.logLevel = .info
        let client = PostgresClient(configuration: try CentralDatabase.configuration(settings.database), backgroundLogger: logger)
        let router = Router()
        CentralRoutes(
            stores: StoreDirectory(client: client, logger: logger), ingest: BatchIngest(client: client, logger: logger),
            feed: OTPSecretFeed(client: client, logger: logger), images: ChainImages(client: client, logger: logger),
            database: DatabaseAvailability(seconds: settings.database.connectTimeoutSeconds), logger: logger
        ).add(to: router)
        let address = settings.server.address
        var server = HTTPServerBuilder.http1()
        var scheme = "http"
        if let certificate = settings.server.tlsCertificate, let key = settings.server.tlsKey {
            server = try .tls(.http1(), tlsConfiguration: try ServerTLS.configuration(certificate: certificate, key: key))
            scheme = "https"
        }
        let application = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(address, port: port ?? settings.server.port), serverName: "posagent-central"),
            onServerRunning: { [scheme] channel in
                FileHandle.standardOutput.write(Data("posagent-central listening on \(scheme)://\(address):\(channel.localAddress?.port ?? 0)\n".utf8))
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: client), .init(service: application)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
