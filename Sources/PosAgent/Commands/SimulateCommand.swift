import ArgumentParser
import DeviceIO
#if canImport(Glibc)
import Glibc
#endif

/// `posagent simulate tablet|scanner`: a virtual device on a pseudo-terminal, for the demo, for
/// tests, and for a person trying the daemon without hardware.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a virtual tablet or scanner on a pseudo-terminal.",
        discussion: """
            Prints the tty path to put in a [[devices]] rule (path = "..."), then reads commands, one \
            per line, from --script or standard input. See docs/tablet-protocol.md.
            """,
        subcommands: [Tablet.self, Scanner.self]
    )

    struct Options: ParsableArguments {
        @Option(name: .long, help: "Read commands from this file instead of standard input.")
        var script: String?

        @Flag(name: .long, help: "Keep the device running after the commands end, until interrupted.")
        var stay = false

        @Option(name: .long, help: "Also make this path a symbolic link to the tty, for a fixed path in the configuration.")
        var link: String?

        func commands() throws -> AsyncStream<String> {
            if let script {
                do {
                    return try ConsoleInput.scriptLines(path: script)
                } catch {
                    throw ValidationError("cannot read the script \(script): \(error)")
                }
            }
            return ConsoleInput.standardInputLines()
        }

        func linkDevice(_ devicePath: String) throws {
            guard let link else { return }
            unlink(link)
            guard symlink(devicePath, link) == 0 else {
                throw ValidationError("cannot link \(link) to \(devicePath): \(String(cString: strerror(errno)))")
            }
        }
    }

    struct Tablet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A customer tablet.",
            discussion: """
                Commands: a value such as 01012345678 (typed key by key, then confirmed for the prompt \
                on screen); key 0-9|back|clear; input MODE VALUE; cancel; wait SECONDS; wait-prompt; \
                fault drop-ack|corrupt|drop-frame N; quit.
                """
        )

        @OptionGroup var options: Options

        @Option(help: "The model the tablet reports in hello.")
        var model = "posagent-virtual-tablet"

        @Option(help: "The serial number the tablet reports in hello.")
        var serial = "VT-0001"

        @Option(help: "Seconds between heartbeats.")
        var heartbeat: Double = 2

        @Option(name: .customLong("images"), help: ArgumentHelp(
            "A folder of its own where the tablet keeps the marketing images it receives, so a simulator started again holds them and resumes a partial one (default: in memory).",
            valueName: "DIR"))
        var imageFolder: String?

        @Flag(help: "Take no images, as a tablet of before: the agent sends the plain idle screen.")
        var noImages = false

        func validate() throws {
            if noImages, imageFolder != nil { throw ValidationError("--images keeps received images; it does not go with --no-images") }
        }

        func run() async throws {
            let tablet = try VirtualTablet(configuration: .init(
                info: TabletInfo(model: model, firmware: "1.0.0", serial: serial),
                heartbeatInterval: .milliseconds(Int64(max(0.05, heartbeat) * 1000)),
                takesImages: !noImages, imageFolder: imageFolder
            ))
            try options.linkDevice(tablet.devicePath)
            try await SimulatorConsole(say: SimulateCommand.say).run(
                tablet: tablet, commands: try options.commands(), stayAfterInput: options.stay
            )
        }
    }

    struct Scanner: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A barcode scanner.",
            discussion: """
                Commands: a code to scan; raw HEX... to send bytes as they are (serial only); wait SECONDS; quit. \
                With --keyboard the scanner is a USB keyboard made with uinput, read by a kind = "keyboard" rule.
                """
        )

        @OptionGroup var options: Options

        @Option(help: "The line end the scanner sends: cr, lf or crlf.")
        var terminator = "crlf"

        @Option(help: "An AIM symbology identifier to prefix, e.g. E0.")
        var symbology: String?

        @Flag(help: "A scanner in USB keyboard mode: a real /dev/input/eventN made with uinput (needs /dev/uinput and root).")
        var keyboard = false

        func run() async throws {
            if keyboard {
                guard symbology == nil, terminator == "crlf" else {
                    throw ValidationError("--terminator and --symbology are for a serial scanner; a keyboard scanner types its code and Enter")
                }
                let scanner: VirtualKeyboardScanner
                do {
                    scanner = try VirtualKeyboardScanner.create()
                } catch {
                    // EX_UNAVAILABLE: this machine cannot make an input device; nothing the arguments change.
                    printError("error: \(error.description)")
                    throw ExitStatus.unavailable
                }
                try options.linkDevice(scanner.devicePath)
                try await SimulatorConsole(say: SimulateCommand.say).run(
                    keyboardScanner: scanner, commands: try options.commands(), stayAfterInput: options.stay
                )
                return
            }
            guard let ending = VirtualScanner.Terminator(rawValue: terminator) else {
                throw ValidationError("--terminator is cr, lf or crlf")
            }
            let scanner = try VirtualScanner(terminator: ending, symbology: symbology)
            try options.linkDevice(scanner.devicePath)
            try await SimulatorConsole(say: SimulateCommand.say).run(
                scanner: scanner, commands: try options.commands(), stayAfterInput: options.stay
            )
        }
    }

    /// Written straight to descriptor 1, unbuffered, so a script driving the simulator reads the tty
    /// path at once. Not print() + fflush(nil): fflush(nil) waits for stdin's lock, which the
    /// thread blocked in readLine() holds until the person types the next line.
    @Sendable static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
