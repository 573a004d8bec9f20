import DeviceIO
import Loyalty

/// The counter's customer-facing devices as the checkout flows use them: the tablet asks, the tablet or
/// the scanner answers, the tablet shows the result. One prompt at a time.
protocol CheckoutDesk: Sendable {
    /// Asks the customer who they are (phone on the tablet, or a membership card on the scanner).
    func identifyCustomer(title: String, amount: Won?) async throws -> MemberKey
    /// Asks the customer how many points to use, showing the balance.
    func askPoints(title: String, balance: Points, amount: Won) async throws -> Points
    /// Asks the customer for the one-time code their app shows.
    func askCode(title: String) async throws -> String
    /// Asks for a coupon at the scanner; returns the code as scanned (membership cards do not answer).
    func scanCoupon(title: String) async throws -> String
    /// Shows what was committed under `title` (nil: named by the transaction's type), then returns the
    /// tablet to idle.
    func showResult(_ result: OperationResult, title: String?) async
    /// Shows a short text to the customer, then returns the tablet to idle.
    func showMessage(_ text: String) async
    /// Ends a pending prompt; false when none was pending.
    func cancelPrompt() async -> Bool
    /// The devices as the admin sees them.
    func devices() async -> [DeviceState]
    /// What the tablet is waiting for, nil when no prompt is pending.
    func pendingPrompt() async -> PromptState?
    /// Told of every change of the devices or the prompt, for the cashier screen's live view.
    var changes: DeskChanges { get }
}

/// A prompt the tablet shows, as the cashier screen tells the cashier about it.
struct PromptState: Codable, Sendable, Hashable {
    /// `barcode_or_phone` (who is the customer), `points` (how many to use), `otp` (the code of their app) or
    /// `scan` (a coupon at the scanner).
    var mode: String
    var title: String
    var amount: Int64?
    var balance: Int64?
    var timeoutSeconds: Int?
}

extension CheckoutDesk {
    func showResult(_ result: OperationResult) async { await showResult(result, title: nil) }
}

struct DeviceState: Codable, Sendable, Hashable {
    var role: String
    var present: Bool
    /// The device's stable identity (`usb:VENDOR:PRODUCT:SERIAL`, `path:…`, `node:…`), the same across
    /// replugs; nil for an absent one.
    var identity: String?
    /// The node it is read from now (`/dev/ttyACM0`, `/dev/input/event3`); nil for an absent one.
    var node: String?
    var detail: String?
    /// "serial" or "keyboard" for an attached device; nil for an absent one.
    var kind: String?
    /// For a present tablet that takes images: how many of the marketing images shown today it holds, and
    /// how many are still to send it.
    var images: ImageCounts?
}

/// A counter without a tablet: every flow that needs one says so at once.
struct DeviceFreeDesk: CheckoutDesk {
    static let noTablet = Problem(
        status: .serviceUnavailable, code: "no_tablet",
        detail: "no customer tablet is attached; give the member's phone or barcode (or the coupon's code) in the request instead")

    func identifyCustomer(title: String, amount: Won?) async throws -> MemberKey { throw Self.noTablet }
    func askPoints(title: String, balance: Points, amount: Won) async throws -> Points { throw Self.noTablet }
    func askCode(title: String) async throws -> String { throw Self.noTablet }
    func scanCoupon(title: String) async throws -> String { throw Self.noTablet }
    func showResult(_ result: OperationResult, title: String?) async {}
    func showMessage(_ text: String) async {}
    func cancelPrompt() async -> Bool { false }
    func devices() async -> [DeviceState] {
        [DeviceState(role: "tablet", present: false), DeviceState(role: "scanner", present: false)]
    }
    func pendingPrompt() async -> PromptState? { nil }
    let changes = DeskChanges()
}
