/// Runs a simulator from lines of commands (see `SimulatorCommand`), for a person at a terminal
/// or a script, and reports what happens through `say`.
public struct SimulatorConsole: Sendable {
    private let say: @Sendable (String) -> Void

    public init(say: @escaping @Sendable (String) -> Void) {
        self.say = say
    }

    /// Serves the virtual tablet while executing the commands. Returns at `quit`, or at the end
    /// of the commands unless `stayAfterInput` (then it serves until cancelled).
    public func run<Lines: AsyncSequence & Sendable>(
        tablet: VirtualTablet, commands: Lines, stayAfterInput: Bool = false
    ) async throws where Lines.Element == String {
        say("tablet: \(tablet.devicePath)")
        say("type help for the commands")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await tablet.run() }
            group.addTask {
                for await screen in tablet.screens {
                    if case .chunk = screen { continue }
                    say(ScreenText.render(screen))
                }
            }
            group.addTask { await IdleRotationDisplay(tablet: tablet, say: say).run() }
            for try await line in commands {
                guard let command = parse(line) else { continue }
                if command == .quit { break }
                do {
                    try await execute(command, on: tablet)
                } catch {
                    say("error: \(error)")
                }
            }
            if stayAfterInput { try await group.next() }
            tablet.close()
            group.cancelAll()
        }
    }

    /// Types each value on a virtual keyboard scanner; returns at `quit` or the end of the commands
    /// unless `stayAfterInput`.
    public func run<Lines: AsyncSequence & Sendable>(
        keyboardScanner scanner: VirtualKeyboardScanner, commands: Lines, stayAfterInput: Bool = false
    ) async throws where Lines.Element == String {
        say("scanner: \(scanner.devicePath) (keyboard, \(scanner.sysname))")
        defer { scanner.close() }
        try await serveScanner(
            commands: commands, stayAfterInput: stayAfterInput, help: SimulatorCommand.keyboardScannerHelp,
            refusal: "the keyboard scanner only types values and waits"
        ) { command in
            guard case .enter(let code) = command else { return false }
            try scanner.scan(code)
            return true
        }
    }

    /// Scans each value; returns at `quit` or the end of the commands unless `stayAfterInput`.
    public func run<Lines: AsyncSequence & Sendable>(
        scanner: VirtualScanner, commands: Lines, stayAfterInput: Bool = false
    ) async throws where Lines.Element == String {
        say("scanner: \(scanner.devicePath)")
        defer { scanner.close() }
        try await serveScanner(
            commands: commands, stayAfterInput: stayAfterInput, help: SimulatorCommand.scannerHelp,
            refusal: "the scanner only scans values, sends raw bytes and waits"
        ) { command in
            switch command {
            case .enter(let code): try scanner.scan(code)
            case .raw(let bytes): try scanner.send(bytes)
            default: return false
            }
            return true
        }
    }

    /// The command loop both scanners share: `quit`, `help` and `wait` here, the rest to `perform`,
    /// which answers false for a command its scanner cannot do.
    private func serveScanner<Lines: AsyncSequence & Sendable>(
        commands: Lines, stayAfterInput: Bool, help: String, refusal: String,
        perform: (SimulatorCommand) throws -> Bool
    ) async throws where Lines.Element == String {
        say("type help for the commands")
        for try await line in commands {
            guard let command = parse(line) else { continue }
            do {
                switch command {
                case .quit: return
                case .help: say(help)
                case .wait(let duration): try await Task.sleep(for: duration)
                default: if try !perform(command) { say("error: \(refusal)") }
                }
            } catch {
                say("error: \(error)")
            }
        }
        if stayAfterInput {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        }
    }

    private func parse(_ line: String) -> SimulatorCommand? {
        do {
            return try SimulatorCommand.parse(line)
        } catch {
            say("error: \(error)")
            return nil
        }
    }

    private func execute(_ command: SimulatorCommand, on tablet: VirtualTablet) async throws {
        switch command {
        case .enter(let value): try await tablet.enter(value)
        case .key(let key): try await tablet.press(key)
        case .input(let mode, let value): try await tablet.submit(value, mode: mode)
        case .cancel: try await tablet.cancel()
        case .wait(let duration): try await Task.sleep(for: duration)
        case .waitForPrompt:
            while await tablet.prompt == nil { try await Task.sleep(for: .milliseconds(20)) }
        case .fault(let faults): await tablet.setFaults(faults)
        case .raw: say("error: raw bytes are for the scanner")
        case .help: say(SimulatorCommand.tabletHelp)
        case .quit: break
        }
    }
}
