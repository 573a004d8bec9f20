import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct AuditLogTests {
    @Test func aConversionAndACancellationAreAuditedInTheirOwnCommitOnce() async throws {
        let fixture = try LedgerFixture()
        let kim = try await fixture.registerKimAndLee()
        let note = AuditNote(.conversion, manager: kim.id, caller: "alice (uid 1000)", detail: "apology")
        let conversion = Conversion(member: fixture.phone(), points: 500, reason: "apology", actor: "kim (manager PIN, uid 1000)")
        let key = fixture.newKey()
        let granted = try await fixture.ledger.convert(conversion, key: key, audit: note)
        let replay = try await fixture.ledger.convert(conversion, key: key, audit: note)
        #expect(replay.replayed)

        let cancelNote = AuditNote(.cancellation, manager: nil, caller: "root (uid 0)", subject: "transaction \(granted.transaction.id)")
        let cancellation = Cancellation(transactionID: granted.transaction.id, reason: "mistake", actor: "root (uid 0)")
        let cancelled = try await fixture.ledger.cancel(cancellation, key: fixture.newKey(), audit: cancelNote)
        // Refused: already cancelled. Nothing is audited for an act that did not happen.
        _ = await ledgerError { try await fixture.ledger.cancel(cancellation, key: fixture.newKey(), audit: cancelNote) }

        let entries = try await fixture.ledger.auditLog.page(AuditQuery()).entries.filter { $0.transactionID != nil }
        #expect(entries.count == 2)
        #expect(entries[0].action == .cancellation)
        #expect(entries[0].transactionID == cancelled.transaction.id)
        #expect(entries[0].manager == nil)
        #expect(entries[0].caller == "root (uid 0)")
        #expect(entries[1].action == .conversion)
        #expect(entries[1].transactionID == granted.transaction.id)
        #expect(entries[1].manager == "kim")
        #expect(entries[1].detail == "apology")
        #expect(entries[1].occurredAt == granted.transaction.occurredAt)
        #expect(try await fixture.ledger.transaction(granted.transaction.id)?.actor == "kim (manager PIN, uid 1000)")
    }

    @Test func pagesGoNewestFirstWithACursorAndAFilter() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        for index in 0..<5 {
            fixture.clock.advance(by: 1)
            try await fixture.ledger.auditLog.append(AuditNote(.csvExport, manager: index.isMultiple(of: 2) ? try ManagerID(parsing: "lee") : nil,
                                                               caller: "root (uid 0)", subject: "/v1/transactions"))
        }
        let first = try await fixture.ledger.auditLog.page(AuditQuery(limit: 3))
        #expect(first.entries.map(\.id) == [7, 6, 5])
        let second = try await fixture.ledger.auditLog.page(AuditQuery(limit: 3, cursor: first.nextCursor))
        #expect(second.entries.map(\.id) == [4, 3, 2])
        let last = try await fixture.ledger.auditLog.page(AuditQuery(limit: 3, cursor: second.nextCursor))
        #expect(last.entries.map(\.id) == [1])
        #expect(last.nextCursor == nil)

        let lees = try await fixture.ledger.auditLog.page(AuditQuery(manager: try ManagerID(parsing: "lee")))
        #expect(lees.entries.map(\.id) == [7, 5, 3])

        #expect(await ledgerError { try await fixture.ledger.auditLog.page(AuditQuery(limit: 0)) }?.code == .invalidQuery)
        #expect(await ledgerError { try await fixture.ledger.auditLog.page(AuditQuery(cursor: "abc")) }?.code == .invalidQuery)
    }
}
