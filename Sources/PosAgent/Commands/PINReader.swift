import ArgumentParser
import Foundation

/// Reads PINs for the manager commands: on the terminal without echo (new PINs twice), or, with
/// `--pin-stdin`, one per line from standard input, in the order the command asks for them. A PIN is never
/// a command-line argument, where `ps` and the shell history would show it.
struct PINReader {
    let fromStandardInput: Bool

    /// `what`: the PIN asked for, e.g. "PIN of manager kim".
    func read(_ what: String, confirm: Bool = false) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("standard input ended before the \(what) (--pin-stdin reads one PIN per line)")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("there is no terminal to ask for the PIN on; give PINs on standard input with --pin-stdin")
        }
        let pin = try TerminalSecret.read("\(what): ")
        if confirm, try TerminalSecret.read("Again, to confirm: ") != pin {
            throw ValidationError("the two PINs differ; nothing was changed")
        }
        return pin
    }
}

/// One line from the terminal on standard input with echo turned off, restored afterwards (and on Ctrl-C).
enum TerminalSecret {
    private nonisolated(unsafe) static var saved = termios()

    static func read(_ prompt: String) throws -> String {
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw ValidationError("cannot read the terminal's settings: \(String(cString: strerror(errno)))")
        }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        let previous = signal(SIGINT) { signalNumber in
            tcsetattr(STDIN_FILENO, TCSANOW, &TerminalSecret.saved)
            signal(signalNumber, SIG_DFL)
            raise(signalNumber)
        }
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            signal(SIGINT, previous)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        // TCSAFLUSH: anything typed before the prompt (and echoed) is not taken as the PIN. The prompt comes
        // after, so nothing typed in answer to it can be echoed.
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else {
            throw ValidationError("cannot turn off the terminal's echo: \(String(cString: strerror(errno)))")
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("the terminal closed before a PIN was entered") }
        return line
    }
}

/// `--manager ID`: a registered manager approves this command with their PIN, for an account that is not a
/// manager itself (or to act as that manager).
struct ManagerApprovalOptions: ParsableArguments {
    @Option(name: .customLong("manager"), help: "Approve as this registered manager; asks for their PIN.")
    var manager: String?

    @Flag(name: .customLong("pin-stdin"), help: "Read PINs from standard input, one per line, instead of asking on the terminal.")
    var pinStdin = false

    var reader: PINReader { PINReader(fromStandardInput: pinStdin) }

    /// The headers that carry the manager's id and PIN; none without --manager.
    func headers() throws -> [String: String] {
        guard let manager else { return [:] }
        return try headers(for: manager)
    }

    func headers(for manager: String) throws -> [String: String] {
        let pin = try reader.read("PIN of manager \(manager)")
        return ["X-Manager-Id": manager, "X-Manager-Pin": pin]
    }
}
