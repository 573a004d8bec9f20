/// What the agent asks the tablet to show. Amounts and balances are opaque integers to display:
/// this layer does not know what they count.
public enum AgentMessage: Hashable, Sendable {
    /// Opens a session; the tablet answers with its own `hello`.
    case hello
    /// Asks the customer for input.
    case prompt(TabletPrompt)
    /// Shows the outcome of an operation.
    case result(TabletResult)
    /// Shows a short free text.
    case message(text: String)
    /// Returns the tablet to its idle screen.
    case idle
    /// Returns the tablet to its idle screen, rotating these images (a tablet that takes images).
    case rotation(IdleRotation)
    /// Announces the image whose chunks follow.
    case image(ImageOffer)
    /// Bytes of the image announced last.
    case chunk(ImageChunk)
    /// The tablet may delete these images (whole or partial): they left the shop's set.
    case forget([String])
}

/// What the tablet tells the agent.
public enum TabletMessage: Hashable, Sendable {
    /// The answer to the agent's `hello`, which makes the tablet present; a tablet that takes images says
    /// which it holds (nil: it takes none, and is sent none).
    case hello(TabletInfo, holdings: TabletHoldings? = nil)
    /// A key press, sent for echo only; the value arrives in `input`.
    case key(TabletKey)
    /// The customer confirmed a value for the prompt in `mode`.
    case input(mode: PromptMode, value: String)
    /// The customer cancelled the prompt.
    case cancel
    /// Sent periodically so the agent knows the tablet is alive.
    case heartbeat
    /// The tablet checked an image's SHA-256 and keeps it.
    case stored(sha256: String)
    /// The tablet holds `offset` bytes of the image: a chunk failed its CRC-32 or came out of order, or the
    /// whole image failed its SHA-256 (offset 0). The agent continues from there.
    case need(sha256: String, offset: Int)
}

public struct TabletInfo: Hashable, Sendable {
    public var model: String
    public var firmware: String
    public var serial: String

    public init(model: String, firmware: String, serial: String) {
        self.model = model
        self.firmware = firmware
        self.serial = serial
    }
}

public enum PromptMode: String, Hashable, Sendable, CaseIterable {
    case phone
    case barcodeOrPhone = "barcode_or_phone"
    case otp
    case points
    case confirm
    /// Shows the title while the answer comes from the counter's scanner; the keypad only cancels.
    case scan
}

public struct TabletPrompt: Hashable, Sendable {
    public var mode: PromptMode
    public var title: String
    public var amount: Int64?
    public var balance: Int64?
    public var timeoutSeconds: Int?

    public init(mode: PromptMode, title: String, amount: Int64? = nil, balance: Int64? = nil, timeoutSeconds: Int? = nil) {
        self.mode = mode
        self.title = title
        self.amount = amount
        self.balance = balance
        self.timeoutSeconds = timeoutSeconds
    }
}

public struct TabletResult: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    public var points: Int64?
    public var stamps: Int64?

    public init(title: String, lines: [String], points: Int64? = nil, stamps: Int64? = nil) {
        self.title = title
        self.lines = lines
        self.points = points
        self.stamps = stamps
    }
}

/// A key of the tablet's keypad.
public enum TabletKey: Hashable, Sendable {
    case digit(UInt8)
    case back
    case clear

    /// The key's name on the wire: `"0"`…`"9"`, `"back"`, `"clear"`.
    public var wireName: String {
        switch self {
        case .digit(let digit): String(digit)
        case .back: "back"
        case .clear: "clear"
        }
    }

    public init?(wireName: String) {
        switch wireName {
        case "back": self = .back
        case "clear": self = .clear
        default:
            guard wireName.utf8.count == 1, let digit = UInt8(wireName) else { return nil }
            self = .digit(digit)
        }
    }
}
