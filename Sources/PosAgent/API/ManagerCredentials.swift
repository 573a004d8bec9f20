import HTTPTypes
import Loyalty

/// A manager's id and PIN carried by a request, for a cashier's call that a manager approves at the counter:
/// `X-Manager-Id` and `X-Manager-Pin`. Headers, not body fields, so every route takes them the same way and
/// the PIN never becomes part of a request body that is fingerprinted or stored.
struct ManagerCredentials: Sendable {
    static let idHeader = HTTPField.Name("X-Manager-Id")!
    static let pinHeader = HTTPField.Name("X-Manager-Pin")!

    var id: ManagerID
    var pin: ManagerPIN

    /// The credentials in `headers`; nil when neither header is there.
    init?(_ headers: HTTPFields) throws {
        let id = headers[Self.idHeader], pin = headers[Self.pinHeader]
        if id == nil, pin == nil { return nil }
        guard let id, let pin else {
            throw Problem.badRequest("incomplete_manager_credentials", "send both X-Manager-Id and X-Manager-Pin, or neither")
        }
        // A PIN that breaks the rules can never be right, so refusing it without counting gives nothing away.
        self.id = try ManagerID(parsing: id)
        self.pin = try ManagerPIN(pin)
    }
}
