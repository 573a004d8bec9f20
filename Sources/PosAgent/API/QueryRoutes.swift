import Foundation
import Hummingbird
import Loyalty

/// The GET routes: history (JSON or CSV), daily figures, members, devices, health (coupons: CouponQueryRoutes).
struct QueryRoutes: Sendable {
    let api: SocketAPI
    var ledger: Ledger { api.ledger }

    @Sendable func transactions(_ request: Request, context: APIRequestContext) async throws -> Response {
        let csv = request.headers[.accept]?.contains("text/csv") == true
        let query = try historyQuery(request.uri.queryParameters)
        if csv {
            let caller = try await api.manager(request, context, for: "CSV export")
            try await api.audit(.csvExport, by: caller, subject: request.uri.path)
            return CSVExport.response(ledger: ledger, query: query, timeZone: api.timeZone)
        }
        let caller = try await api.caller(context, needs: .cashier, for: "history")
        let unmasked = try await api.unmasked(request, caller)
        let page = try await ledger.history(query)
        struct Page: Encodable {
            var transactions: [HistoryEntryView]
            var nextCursor: String?
        }
        return try api.json(Page(
            transactions: page.entries.map { HistoryEntryView($0, timeZone: api.timeZone, unmasked: unmasked) },
            nextCursor: page.nextCursor))
    }

    @Sendable func dailyStatistics(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "statistics")
        let parameters = request.uri.queryParameters
        let zone = api.timeZone
        let last = try parameters.get("to").map { text throws(LedgerError) in try StoreDay(parsing: text) }
            ?? StoreDay(containing: Date(), in: zone)
        let first = try parameters.get("from").map { text throws(LedgerError) in try StoreDay(parsing: text) } ?? last
        struct Statistics: Encodable {
            struct Hourly: Encodable {
                var day: StoreDay
                var hours: [HourlyStatistics]
            }
            var days: [DailyStatistics]
            /// The last day of the range (today by default), hour by hour.
            var hourly: Hourly
        }
        return try api.json(Statistics(
            days: try await ledger.dailyStatistics(from: first, to: last),
            hourly: .init(day: last, hours: try await ledger.hourlyStatistics(on: last))))
    }

    @Sendable func member(_ request: Request, context: APIRequestContext) async throws -> Response {
        let caller = try await api.caller(context, needs: .cashier, for: "member lookup")
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw Problem.badRequest("bad_member", "the member id in the path must be a whole number")
        }
        guard let member = try await ledger.member(.id(id)) else {
            throw LedgerError(.memberNotFound, "there is no member #\(id)")
        }
        struct Found: Encodable {
            var member: MemberView
            /// The coupons the member can redeem now.
            var coupons: [CouponView]
        }
        let coupons = try await ledger.coupons(CouponQuery(member: .id(id), states: [.issued], limit: Ledger.maxCouponPage))
        return try api.json(Found(member: MemberView(member, unmasked: try await api.unmasked(request, caller)),
                                  coupons: coupons.coupons.map { CouponView($0, timeZone: api.timeZone) }))
    }

    @Sendable func devices(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.caller(context, needs: .cashier, for: "device status")
        return try api.json(["devices": await api.desk.devices()])
    }

    @Sendable func health(_ request: Request, context: APIRequestContext) async throws -> Response {
        struct Health: Encodable {
            struct Outbox: Encodable {
                var backlog: Int
                var oldestUnsentAgeSeconds: Int64?
            }
            var status: String
            var version: String
            var store: String
            var devices: [DeviceState]
            var outbox: Outbox
        }
        let backlog = try await ledger.outboxBacklog()
        let age = backlog.oldest.map { Int64(Date().timeIntervalSince($0).rounded(.down)) }
        return try api.json(Health(
            status: "ok", version: PosAgentVersion.current, store: api.storeID, devices: await api.desk.devices(),
            outbox: .init(backlog: backlog.count, oldestUnsentAgeSeconds: age)))
    }

    @Sendable func verify(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await api.manager(request, context, for: "verification")
        return try api.json(try await ledger.verify())
    }

    private func historyQuery(_ parameters: Parameters) throws -> HistoryQuery {
        var query = HistoryQuery()
        let zone = api.timeZone
        switch (parameters.get("range"), parameters.get("from"), parameters.get("to")) {
        case (nil, nil, nil): query.range = .today
        case (let preset?, nil, nil):
            guard let range = Self.presets[preset] else {
                throw Problem.badRequest("bad_range", "range is one of \(Self.presets.keys.sorted().joined(separator: ", ")), or give from and to")
            }
            query.range = range
        case (nil, let from?, let to?):
            let first = try StoreDay(parsing: from), last = try StoreDay(parsing: to)
            query.range = .between(from: first.start(in: zone), to: last.adding(days: 1, in: zone).start(in: zone))
        default:
            throw Problem.badRequest("bad_range", "give either range, or both from and to (YYYY-MM-DD, in the store's time zone)")
        }
        if let member = parameters.get("member") {
            query.member = try MemberKey(queryValue: member)
        }
        query.phoneEnding = parameters.get("phoneEnding")
        for name in parameters.getAll("type") {
            guard let type = TransactionType(rawValue: name) else {
                throw Problem.badRequest("bad_type", "type is one of \(TransactionType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.types.insert(type)
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit) else { throw Problem.badRequest("bad_limit", "limit must be a whole number from 1 to 1000") }
            query.limit = value
        }
        query.cursor = parameters.get("cursor")
        return query
    }

    private static let presets: [String: HistoryRange] = [
        "today": .today, "yesterday": .yesterday, "week": .week, "month": .month, "all": .all,
    ]
}
