import Foundation
import Testing
@testable import Loyalty

/// The ledger's own sync-id reader agrees with Foundation's on every spelling, good or bad.
@Suite struct SyncIDTextTests {
    @Test func readsWhatUUIDStringReads() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(UUID(ledgerText: id.uuidString.lowercased()) == id)
            #expect(UUID(ledgerText: id.uuidString) == id)
        }
    }

    @Test func refusesWhatUUIDStringRefuses() {
        let good = "8f0c5e3a-1b2c-4d5e-8f90-a1b2c3d4e5f6"
        var malformed = ["", "8f0c5e3a", good + "0", String(good.dropLast()) + "g", good.replacingOccurrences(of: "-", with: "_"),
                         String(good.dropFirst()) + "-", "8f0c5e3a1b2c-4d5e-8f90-a1b2c3d4e5f6-"]
        malformed.append(String(good.prefix(8)) + "-" + String(good.dropFirst(9)).replacingOccurrences(of: "-", with: "x"))
        for text in malformed {
            #expect(UUID(ledgerText: text) == UUID(uuidString: text), "\(text)")
            #expect(UUID(ledgerText: text) == nil, "\(text)")
        }
        #expect(UUID(ledgerText: good) == UUID(uuidString: good))
    }
}
