import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct ManagerRegistryTests {
    @Test func theFirstManagerBecomesMasterAndOnlyOnce() async throws {
        let fixture = try LedgerFixture()
        #expect(try await fixture.managers.hasManagers() == false)
        let kim = try await fixture.managers.registerFirst(try fixture.newManager("Kim"), caller: "root (uid 0)")
        #expect(kim.id.rawValue == "kim")
        #expect(kim.isMaster)
        #expect(kim.email.rawValue == "Kim@example.com", "the local part is kept as given")
        #expect(kim.createdAt == LedgerFixture.start)

        let second = await managerError { try await fixture.managers.registerFirst(try fixture.newManager("lee"), caller: "root (uid 0)") }
        #expect(second?.code == .masterRequired)
        #expect(try await fixture.managers.managers().map(\.id.rawValue) == ["kim"])
        #expect(try await fixture.auditActions() == ["manager_added"])
    }

    @Test func onlyTheMasterAddsAndRemovesManagers() async throws {
        let fixture = try LedgerFixture()
        let kim = try await fixture.registerKimAndLee()
        let lee = try await fixture.login("lee", "lee-pin-1")

        let byLee = await managerError { try await fixture.managers.add(try fixture.newManager("park"), by: lee, caller: "t") }
        #expect(byLee?.code == .masterRequired)
        _ = try await fixture.managers.add(try fixture.newManager("park"), by: kim, caller: "t")
        let twice = await managerError { try await fixture.managers.add(try fixture.newManager("PARK"), by: kim, caller: "t") }
        #expect(twice?.code == .managerExists)

        let removeByLee = await managerError { try await fixture.managers.remove(try ManagerID(parsing: "park"), by: lee, caller: "t") }
        #expect(removeByLee?.code == .masterRequired)
        try await fixture.managers.remove(try ManagerID(parsing: "park"), by: kim, caller: "t")
        let gone = await managerError { try await fixture.managers.remove(try ManagerID(parsing: "park"), by: kim, caller: "t") }
        #expect(gone?.code == .managerNotFound)
        #expect(try await fixture.managers.managers().map(\.id.rawValue) == ["kim", "lee"])
        #expect(try await fixture.auditActions() == ["manager_added", "manager_added", "manager_added", "manager_removed"])
    }

    @Test func theMasterCannotBeRemovedWhileMasterAndHandsTheRoleOver() async throws {
        let fixture = try LedgerFixture()
        let kim = try await fixture.registerKimAndLee()
        let kimID = try ManagerID(parsing: "kim"), leeID = try ManagerID(parsing: "lee")

        let removeMaster = await managerError { try await fixture.managers.remove(kimID, by: kim, caller: "t") }
        #expect(removeMaster?.code == .masterNotRemovable)
        let toSelf = await managerError { try await fixture.managers.transferMaster(to: kimID, by: kim, caller: "t") }
        #expect(toSelf?.code == .alreadyMaster)
        let toNobody = await managerError { try await fixture.managers.transferMaster(to: try ManagerID(parsing: "park"), by: kim, caller: "t") }
        #expect(toNobody?.code == .managerNotFound)

        try await fixture.managers.transferMaster(to: leeID, by: kim, caller: "t")
        let masters = try await fixture.managers.managers().filter(\.isMaster).map(\.id.rawValue)
        #expect(masters == ["lee"])
        // The proof kim holds from before the handover no longer makes kim the master.
        let kimAgain = await managerError { try await fixture.managers.add(try fixture.newManager("park"), by: kim, caller: "t") }
        #expect(kimAgain?.code == .masterRequired)
        let lee = try await fixture.login("lee", "lee-pin-1")
        try await fixture.managers.remove(kimID, by: lee, caller: "t")
        let removeLee = await managerError { try await fixture.managers.remove(leeID, by: lee, caller: "t") }
        #expect(removeLee?.code == .masterNotRemovable)
    }

    @Test func aPINIsChangedByItsManagerOrByTheMaster() async throws {
        let fixture = try LedgerFixture()
        let kim = try await fixture.registerKimAndLee()
        let lee = try await fixture.login("lee", "lee-pin-1")
        let kimID = try ManagerID(parsing: "kim"), leeID = try ManagerID(parsing: "lee")

        let leeSetsKims = await managerError { try await fixture.managers.changePIN(of: kimID, to: try ManagerPIN("lee-chose"), by: lee, caller: "t") }
        #expect(leeSetsKims?.code == .masterRequired)
        try await fixture.managers.changePIN(of: leeID, to: try ManagerPIN("lee-pin-2"), by: lee, caller: "t")
        #expect(await managerError { try await fixture.login("lee", "lee-pin-1") }?.code == .wrongPIN)
        _ = try await fixture.login("lee", "lee-pin-2")

        try await fixture.managers.changePIN(of: leeID, to: try ManagerPIN("lee-pin-3"), by: kim, caller: "t")
        _ = try await fixture.login("lee", "lee-pin-3")
        let changes = try await fixture.ledger.auditLog.page(AuditQuery()).entries.filter { $0.action == .pinChanged }
        #expect(changes.map(\.detail) == ["set by the master", "own PIN"])
    }

    @Test func aPINIsNeverStoredInClear() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        try await fixture.managers.changePIN(of: try ManagerID(parsing: "kim"), to: try ManagerPIN("distinctive-pin-7391"),
                                             by: try await fixture.login("kim", "kim-pin-1"), caller: "t")
        _ = await managerError { try await fixture.login("kim", "wrong-pin-8264") }
        var bytes = Data()
        for suffix in ["", "-wal"] {
            bytes += (try? Data(contentsOf: URL(fileURLWithPath: fixture.path + suffix))) ?? Data()
        }
        #expect(bytes.count > 0)
        for pin in ["kim-pin-1", "lee-pin-1", "distinctive-pin-7391", "wrong-pin-8264"] {
            #expect(bytes.firstRange(of: Data(pin.utf8)) == nil, "\(pin) is in the ledger file")
        }
        let stored = try await fixture.ledger.database.pool.read { db in
            try String.fetchOne(db, sql: """
                SELECT pin_algorithm || ' ' || pin_iterations || ' ' || length(pin_salt) || ' ' || length(pin_hash)
                FROM manager WHERE id = 'kim'
                """)
        }
        #expect(stored == "pbkdf2-sha256 210000 16 32")
    }

    @Test func fiveWrongPINsLockForFiveMinutesAcrossARestart() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        for attempt in 1...4 {
            let error = await managerError { try await fixture.login("lee", "not-lees-pin") }
            #expect(error?.code == .wrongPIN)
            #expect(error?.remainingAttempts == 5 - attempt)
        }
        fixture.clock.advance(by: 60)
        let fifth = await managerError { try await fixture.login("lee", "not-lees-pin") }
        #expect(fifth?.code == .managerLocked)
        let unlockAt = LedgerFixture.start.addingTimeInterval(60 + 300)
        #expect(fifth?.lockedUntil == unlockAt)

        let rightButLocked = await managerError { try await fixture.login("lee", "lee-pin-1") }
        #expect(rightButLocked?.code == .managerLocked)
        #expect(rightButLocked?.lockedUntil == unlockAt)
        // Another manager is not affected.
        _ = try await fixture.login("kim", "kim-pin-1")

        try fixture.reopen()
        fixture.clock.advance(by: 299)
        #expect(await managerError { try await fixture.login("lee", "lee-pin-1") }?.code == .managerLocked)
        #expect(try await fixture.managers.managers().first { $0.id.rawValue == "lee" }?.lockedUntil == unlockAt)

        fixture.clock.advance(by: 1)
        _ = try await fixture.login("lee", "lee-pin-1")
        #expect(try await fixture.managers.managers().first { $0.id.rawValue == "lee" }?.lockedUntil == nil)
        // The count starts again after the lock.
        #expect(await managerError { try await fixture.login("lee", "not-lees-pin") }?.remainingAttempts == 4)
        let actions = try await fixture.auditActions().filter { $0 != "manager_added" }
        #expect(actions == ["wrong_pin", "wrong_pin", "wrong_pin", "wrong_pin", "manager_locked", "refused_while_locked",
                            "refused_while_locked", "wrong_pin"])
    }

    @Test func aRightPINClearsTheCountAndANewPINEndsALock() async throws {
        let fixture = try LedgerFixture()
        let kim = try await fixture.registerKimAndLee()
        for _ in 1...4 { _ = await managerError { try await fixture.login("lee", "not-lees-pin") } }
        _ = try await fixture.login("lee", "lee-pin-1")
        #expect(await managerError { try await fixture.login("lee", "not-lees-pin") }?.remainingAttempts == 4)

        for _ in 1...4 { _ = await managerError { try await fixture.login("lee", "not-lees-pin") } }
        #expect(await managerError { try await fixture.login("lee", "lee-pin-1") }?.code == .managerLocked)
        try await fixture.managers.changePIN(of: try ManagerID(parsing: "lee"), to: try ManagerPIN("lee-pin-2"), by: kim, caller: "t")
        _ = try await fixture.login("lee", "lee-pin-2")
    }

    @Test func idAndPINNeedARegisteredManagerAndSaySo() async throws {
        let fixture = try LedgerFixture()
        let none = await managerError { try await fixture.login("kim", "kim-pin-1") }
        #expect(none?.code == .noManagers)
        #expect(none?.message.contains("no manager is registered yet") == true)

        try await fixture.registerKimAndLee()
        let unknown = await managerError { try await fixture.login("park", "park-pin-1") }
        #expect(unknown?.code == .unknownManager)
        let entry = try await fixture.ledger.auditLog.page(AuditQuery(limit: 1)).entries.first
        #expect(entry?.action == .unknownManager)
        #expect(entry?.manager == "park")
        #expect(entry?.caller == "alice (uid 1000)")
    }

    @Test func aHashMadeWithFewerIterationsIsRedoneAtTheNextRightPIN() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        let stronger = ManagerRegistry(database: fixture.ledger.database, clock: fixture.clock, hashing: try PINHashing(iterations: 250_000))
        let lee = try ManagerID(parsing: "lee")
        _ = await managerError { try await stronger.authenticate(lee, pin: try ManagerPIN("not-lees-pin"), caller: "t") }
        #expect(try await iterations(fixture, "lee") == 210_000, "a wrong PIN changes nothing")
        _ = try await stronger.authenticate(lee, pin: try ManagerPIN("lee-pin-1"), caller: "t")
        #expect(try await iterations(fixture, "lee") == 250_000)
        #expect(try await iterations(fixture, "kim") == 210_000)
        _ = try await fixture.login("lee", "lee-pin-1")
        #expect(await managerError { try await fixture.login("lee", "not-lees-pin") }?.code == .wrongPIN)
    }

    private func iterations(_ fixture: LedgerFixture, _ id: String) async throws -> Int? {
        try await fixture.ledger.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT pin_iterations FROM manager WHERE id = ?", arguments: [id])
        }
    }
}
