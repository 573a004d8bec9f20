import Foundation
import Testing
@testable import Loyalty

/// The way back when the master's PIN is lost: root sets a new one, or hands the role over, without it.
@Suite struct MasterRecoveryTests {
    @Test func aLostMasterPINIsReplacedAndTheLockEnds() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        for _ in 1...5 { _ = await managerError { try await fixture.login("kim", "forgotten-pin") } }
        #expect(await managerError { try await fixture.login("kim", "kim-pin-1") }?.code == .managerLocked)

        let master = try await fixture.managers.recoverMaster(pin: try ManagerPIN("kim-pin-new"), caller: "root (uid 0)")
        #expect(master.id.rawValue == "kim")
        #expect(master.isMaster)
        #expect(master.lockedUntil == nil)
        #expect(master.failedAttempts == 0)
        let kim = try await fixture.login("kim", "kim-pin-new")
        #expect(await managerError { try await fixture.login("kim", "kim-pin-1") }?.code == .wrongPIN)
        // The recovered master acts as master again.
        _ = try await fixture.managers.add(try fixture.newManager("park"), by: kim, caller: "t")

        let entry = try #require(try await fixture.ledger.auditLog.page(AuditQuery()).entries.first { $0.action == .masterRecovered })
        #expect(entry.caller == "root (uid 0)")
        #expect(entry.manager == nil, "nobody gave a manager's PIN")
        #expect(entry.subject == "kim")
        #expect(entry.detail == "new PIN for kim, the master, without the master's PIN; kim's lock ended")
        #expect(entry.detail?.contains("kim-pin-new") == false)
    }

    @Test func theMasterRoleIsHandedToAnotherManagerWithANewPIN() async throws {
        let fixture = try LedgerFixture()
        let kim = try await fixture.registerKimAndLee()
        let master = try await fixture.managers.recoverMaster(pin: try ManagerPIN("lee-pin-new"), to: try ManagerID(parsing: "LEE"), caller: "root (uid 0)")
        #expect(master.id.rawValue == "lee")
        #expect(try await fixture.managers.managers().filter(\.isMaster).map(\.id.rawValue) == ["lee"])
        #expect(await managerError { try await fixture.managers.add(try fixture.newManager("park"), by: kim, caller: "t") }?.code == .masterRequired,
                "the old master's proof no longer makes kim the master")
        let lee = try await fixture.login("lee", "lee-pin-new")
        try await fixture.managers.remove(try ManagerID(parsing: "kim"), by: lee, caller: "t")
        let entry = try #require(try await fixture.ledger.auditLog.page(AuditQuery()).entries.first { $0.action == .masterRecovered })
        #expect(entry.subject == "lee")
        #expect(entry.detail == "master role from kim to lee, with a new PIN for lee, without the master's PIN")
    }

    @Test func recoveryNeedsAMasterAndAnExistingManager() async throws {
        let fixture = try LedgerFixture()
        let none = await managerError { try await fixture.managers.recoverMaster(pin: try ManagerPIN("some-pin-1"), caller: "root (uid 0)") }
        #expect(none?.code == .noManagers)
        #expect(try await fixture.auditActions() == [])

        try await fixture.registerKimAndLee()
        let nobody = await managerError {
            try await fixture.managers.recoverMaster(pin: try ManagerPIN("some-pin-1"), to: try ManagerID(parsing: "park"), caller: "root (uid 0)")
        }
        #expect(nobody?.code == .managerNotFound)
        #expect(try await fixture.managers.managers().filter(\.isMaster).map(\.id.rawValue) == ["kim"])
        _ = try await fixture.login("kim", "kim-pin-1")
        #expect(try await fixture.auditActions() == ["manager_added", "manager_added"])
    }
}
