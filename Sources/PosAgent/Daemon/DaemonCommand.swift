import ArgumentParser
import AsyncHTTPClient
import DeviceIO
import Foundation
import Hummingbird
import Logging
import Loyalty
import ServiceLifecycle
import UnixSignals

/// `posagent daemon`: the service a store PC runs, serving the socket API over the ledger.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Run the loyalty agent (under systemd, or in the foreground).")

    @Option(help: "Configuration file (default: /etc/posagent/posagent.toml; none there means defaults).")
    var config: String?

    @Option(help: "Ledger database file; overrides [database] path.")
    var database: String?

    @Option(help: "Unix socket of the API; overrides [api] socket.")
    var socket: String?

    @Option(name: .customLong("otp-key-file"), help: "The key file of members' OTP secrets; overrides [otp] key_file.")
    var otpKeyFile: String?

    @Option(help: "File holding the cashier screen's PIN; overrides [web] cashier_pin_file.")
    var cashierPinFile: String?

    @Flag(help: "Attach a simulated tablet and scanner (on pseudo-terminals, played from this terminal) when no [[devices]] are configured.")
    var simulateDevices = false

    func run() async throws {
        LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
        let logger = Logger(label: "posagent")
        do {
            try await serve(logger: logger)
        } catch let error as ConfigurationError {
            logger.critical("cannot start: \(error)")
            throw ExitStatus.config
        } catch let error as LedgerError {
            logger.critical("cannot start: \(error.message)")
            throw exitStatus(for: error.code)
        } catch let error as DaemonError {
            logger.critical("cannot start: \(error)")
            throw ExitStatus.unavailable
        }
    }

    private func serve(logger: Logger) async throws {
        var configuration = try AgentConfiguration.load(path: config)
        if let database { configuration.database.path = database }
        if let socket { configuration.api.socket = socket }
        if let otpKeyFile { configuration.otp.keyFile = otpKeyFile }
        if let cashierPinFile { configuration.web.cashierPINFile = cashierPinFile }
        let socketPath = configuration.api.socket
        guard socketPath.utf8.count <= 107 else {
            throw DaemonError("the socket path \(socketPath) is longer than 107 bytes; choose a shorter one")
        }
        let lock = try InstanceLock(socketPath: socketPath)
        let notifier = SystemdNotifier()
        let database = try LedgerDatabase(path: configuration.database.path, durability: configuration.database.durability) { pending in
            // A migration may rewrite the whole transaction table: tell the log and systemd, and ask for time.
            logger.notice("upgrading the ledger's schema; a large ledger takes a while", metadata: ["migrations": "\(pending)"])
            notifier.extendStart(by: .seconds(900), status: "upgrading the ledger's schema (\(pending.joined(separator: ", ")))")
        }
        let ledger = try Ledger(
            database: database, policy: configuration.policy, barcodeFormat: configuration.membership,
            timeZone: configuration.store.timeZone)
        let otpKeyPath = configuration.otp.keyPath()
        let otpKey = try loadOTPKey(otpKeyPath, logger: logger)
        // The key in use from here on: a reload (SIGHUP) replaces it.
        let currentOTPKey = CurrentOTPKey(otpKey)
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let roles = RolePolicy(cashierGroupName: configuration.api.group, managerGroupName: configuration.api.adminGroup)
        if roles.cashierGroup == nil || roles.managerGroup == nil {
            logger.warning("group \(configuration.api.group) or \(configuration.api.adminGroup) does not exist; only root and this account may use the socket")
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        var rules = configuration.devices
        if rules.isEmpty, simulateDevices {
            let simulation = try SimulatedCounter(logger: logger)
            rules = simulation.rules
            services.append(.init(service: simulation))
        }
        let desk: any CheckoutDesk
        let marketingChanges = MarketingChanges()
        let marketing = MarketingSet(ledger: ledger, shelf: ImageShelf(besideLedgerAt: ledger.database.path))
        // Files left by an add or a chain download that a crash cut short; nothing adds images yet.
        try? await marketing.sweepShelf()
        if rules.isEmpty {
            logger.notice("no [[devices]] configured: requests must name the member")
            desk = DeviceFreeDesk()
        } else {
            let hub = DeviceHub(rules: rules, logger: logger)
            let counter = CounterDesk(
                hub: hub, promptTimeout: .seconds(configuration.checkout.promptTimeoutSeconds), logger: logger)
            services.append(.init(service: CounterService(hub: hub, desk: counter)))
            services.append(.init(service: IdleImagesService(
                marketing: marketing, hub: hub,
                secondsPerImage: Int(configuration.tablet.secondsPerImage), changes: marketingChanges, logger: logger)))
            desk = counter
        }
        var syncControl: SyncControl?
        var httpClient: HTTPClient?
        if let server = configuration.sync.server {
            let settings = configuration.sync
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(
                    tlsConfiguration: try SyncTrust.tlsConfiguration(caFile: settings.caFile),
                    timeout: .init(connect: .seconds(min(settings.timeoutSeconds, 10)), read: .seconds(settings.timeoutSeconds))))
            httpClient = client
            let endpoint = SyncEndpoint(configuration: configuration, server: server)
            let uploader = SyncUploader(
                ledger: ledger, endpoint: endpoint, client: client, batchSize: Int(settings.batchSize),
                timeoutSeconds: settings.timeoutSeconds, logger: logger)
            let trigger = SyncTrigger()
            services.append(.init(service: SyncService(
                uploader: uploader, trigger: trigger, interval: .seconds(settings.intervalSeconds),
                maxBackoff: .seconds(settings.maxBackoffSeconds), logger: logger)))
            let secrets = OTPSecretService.make(
                configuration: configuration, server: server, otpKey: currentOTPKey, ledger: ledger, client: client, logger: logger)
            if let secrets { services.append(.init(service: secrets)) }
            let chainImages = ChainMarketingService.make(
                configuration: configuration, server: server, marketing: marketing, client: client, changes: marketingChanges, logger: logger)
            if let chainImages { services.append(.init(service: chainImages.service)) }
            syncControl = SyncControl(trigger: trigger, secretsTrigger: secrets?.trigger, marketingTrigger: chainImages?.service.trigger,
                                      marketing: chainImages?.status, server: server)
            logger.info("uploading to the central server", metadata: ["url": "\(endpoint.url)"])
        } else {
            logger.notice("no [sync] server configured: working offline; the outbox keeps every transaction")
        }
        let api = SocketAPI(ledger: ledger, desk: desk, roles: roles, timeZone: configuration.store.timeZone,
                            storeID: configuration.store.id, sync: syncControl, logger: logger, otpKey: currentOTPKey,
                            otpIssuer: configuration.otpIssuer, marketingChanges: marketingChanges)
        let status: @Sendable () async -> String = {
            DaemonStatusLine.text(socket: socketPath, devices: await desk.devices(), backlog: try? await ledger.outboxBacklog())
        }
        let cashierGroup = roles.cashierGroup
        let application = Application(
            router: api.router(),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "posagent/\(PosAgentVersion.current)"),
            onServerRunning: { _ in
                // Cashiers reach the socket through its group; nobody else does.
                if let cashierGroup { _ = chown(socketPath, UInt32.max, cashierGroup) }
                _ = chmod(socketPath, 0o660)
                logger.info("serving the API", metadata: ["socket": "\(socketPath)", "ledger": "\(ledger.database.path)"])
                // READY=1 without counting the upload queue: on a large backlog that count is what a
                // start would wait for. The watchdog service reports the full status right after.
                notifier.ready(status: "serving \(socketPath)")
            },
            logger: logger)
        if configuration.web.port != 0 {
            services.append(.init(service: webScreen(api: api, configuration: configuration, logger: logger)))
        } else {
            logger.notice("[web] port = 0: no cashier screen")
        }
        let group = ServiceGroup(configuration: .init(
            services: services + [
                .init(service: application),
                .init(service: ExpiryService(ledger: ledger, logger: logger)),
                .init(service: OTPKeyReloadService(path: otpKeyPath, current: currentOTPKey, hangups: hangups, logger: logger)),
                .init(service: WatchdogService(notifier: notifier, status: status, interval: SystemdNotifier.watchdogInterval())),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            try? await httpClient?.shutdown()
            throw error
        }
        try? await httpClient?.shutdown()
        unlink(socketPath)
        withExtendedLifetime(lock) {}
        logger.info("stopped")
    }

    /// The OTP key, or nil (one-time codes off) when there is no key file; a file that holds no key stops
    /// the start, as a wrong setting does.
    private func loadOTPKey(_ path: String, logger: Logger) throws -> OTPKey? {
        let key: OTPKey?
        do {
            key = try OTPKeyFile.load(path)
        } catch let error as OTPError {
            throw ConfigurationError(file: path, problems: [error.message])
        }
        guard let key else {
            logger.notice("no OTP key at \(path): one-time codes are refused until posagent otp init-key makes one and the daemon reloads (systemctl reload posagent)")
            return nil
        }
        logger.info("read the OTP key from \(path) (fingerprint \(key.fingerprint))")
        if OTPKeyFile.isExposed(path) {
            logger.warning("the OTP key \(path) may be read by other accounts; make it mode 0600")
        }
        return key
    }

    /// The cashier screen's listener on loopback TCP, serving the same API as the socket.
    private func webScreen(api: SocketAPI, configuration: AgentConfiguration, logger: Logger) -> WebScreenService {
        let web = configuration.web
        let port = Int(web.port)
        let url = "http://\(WebAddress.authority(web.address, port: port))/"
        let pinPath = CredentialFile.path(web.cashierPINFile)
        let screen = WebScreen(
            api: api, sessions: WebSessions(lifetime: .seconds(web.sessionHours * 3_600)), pin: CashierPIN(path: pinPath),
            address: web.address, port: port, storeName: configuration.store.name)
        if case .unusable(let reason) = screen.pin.check("") {
            logger.warning("the cashier screen has no usable PIN yet: \(reason)")
        }
        let application = Application(
            router: screen.router(),
            configuration: .init(address: .hostname(web.address, port: port), serverName: "posagent/\(PosAgentVersion.current)"),
            onServerRunning: { _ in logger.info("serving the cashier screen", metadata: ["url": "\(url)"]) },
            logger: logger)
        return WebScreenService(application: application, changes: api.desk.changes, url: url, logger: logger)
    }
}
