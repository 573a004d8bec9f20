import Foundation
import Hummingbird
import Loyalty

/// The manager registry and the audit log over the socket. The first manager is registered by a manager
/// by peer credentials (root, the managers' group) and becomes master; after that only the master, by id
/// and PIN, adds, removes and hands over.
struct ManagerRoutes: Sendable {
    let api: SocketAPI
    var registry: ManagerRegistry { api.ledger.managers }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.manager(request, context, for: "the manager list")
        let zone = api.timeZone
        return try api.json(["managers": try await registry.managers().map { ManagerView($0, timeZone: zone) }])
    }

    @Sendable func add(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(NewManagerBody.self, from: request, context: context)
        let new = NewManager(id: try ManagerID(parsing: body.id), email: try EmailAddress(parsing: body.email), pin: try ManagerPIN(body.pin))
        let caller = try await api.caller(context, needs: .cashier, for: "adding a manager")
        let added: Manager
        if let master = try await api.authenticatedManager(request, caller) {
            added = try await registry.add(new, by: master, caller: caller.account)
        } else if caller.role == .manager {
            added = try await registry.registerFirst(new, caller: caller.account)
        } else if try await registry.hasManagers() {
            throw ManagerError(.masterRequired, "only the master manager adds managers; give the master's id and PIN (X-Manager-Id, X-Manager-Pin; --manager ID)")
        } else {
            throw Problem.forbidden("the first manager is registered by root or a member of the managers' group; ask them to run posagent manager add")
        }
        return try api.json(["manager": ManagerView(added, timeZone: api.timeZone)], status: .created)
    }

    @Sendable func remove(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try managerID(context)
        let (master, caller) = try await acting(request, context, for: "removing a manager")
        try await registry.remove(id, by: master, caller: caller.account)
        return try api.json(["removed": id.rawValue])
    }

    @Sendable func changePIN(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try managerID(context)
        let body = try await JSONBody.decode(PINBody.self, from: request, context: context)
        let pin = try ManagerPIN(body.pin)
        let (manager, caller) = try await acting(request, context, for: "changing a PIN")
        try await registry.changePIN(of: id, to: pin, by: manager, caller: caller.account)
        return try api.json(["changed": id.rawValue])
    }

    @Sendable func transferMaster(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(TransferMasterBody.self, from: request, context: context)
        let id = try ManagerID(parsing: body.to)
        let (master, caller) = try await acting(request, context, for: "handing the master role over")
        try await registry.transferMaster(to: id, by: master, caller: caller.account)
        return try api.json(["master": id.rawValue])
    }

    @Sendable func audit(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.manager(request, context, for: "the audit log")
        let parameters = request.uri.queryParameters
        var query = AuditQuery()
        if let manager = parameters.get("manager") { query.manager = try ManagerID(parsing: manager) }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit) else { throw Problem.badRequest("bad_limit", "limit must be a whole number from 1 to 1000") }
            query.limit = value
        }
        query.cursor = parameters.get("cursor")
        let page = try await api.ledger.auditLog.page(query)
        struct Page: Encodable {
            var entries: [AuditEntryView]
            var nextCursor: String?
        }
        let zone = api.timeZone
        return try api.json(Page(entries: page.entries.map { AuditEntryView($0, timeZone: zone) }, nextCursor: page.nextCursor))
    }

    // MARK: Shared steps

    /// The registered manager acting, by the id and PIN the request carries: registry changes always need one.
    private func acting(_ request: Request, _ context: APIRequestContext, for action: String) async throws -> (AuthenticatedManager, Caller) {
        let caller = try await api.caller(context, needs: .cashier, for: action)
        guard let manager = try await api.authenticatedManager(request, caller) else {
            guard try await registry.hasManagers() else {
                throw ManagerError(.noManagers, "no manager is registered yet; root or a member of the managers' group registers the first with posagent manager add")
            }
            throw ManagerError(.masterRequired, "\(action) needs the id and PIN of the manager concerned or of the master (X-Manager-Id, X-Manager-Pin; --manager ID)")
        }
        return (manager, caller)
    }

    private func managerID(_ context: APIRequestContext) throws -> ManagerID {
        try ManagerID(parsing: context.parameters.get("id") ?? "")
    }
}

struct NewManagerBody: StrictBody {
    var id: String
    var email: String
    var pin: String
    static let fields: Set<String> = ["id", "email", "pin"]
}

struct PINBody: StrictBody {
    var pin: String
    static let fields: Set<String> = ["pin"]
}

struct TransferMasterBody: StrictBody {
    var to: String
    static let fields: Set<String> = ["to"]
}
