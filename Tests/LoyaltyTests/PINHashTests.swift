import Foundation
import Testing
@testable import Loyalty

@Suite struct PINHashTests {
    /// RFC 7914, section 11: the published PBKDF2-HMAC-SHA256 test vectors.
    @Test(arguments: [
        ("passwd", "salt", 1,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        ("Password", "NaCl", 80_000,
         "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
    ])
    func derivesTheRFC7914Vectors(password: String, salt: String, iterations: Int, expected: String) throws {
        let derived = try PINHash.derive(Array(password.utf8), salt: Array(salt.utf8), iterations: iterations, length: 64)
        #expect(derived.map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test func aHashIsSaltedKeepsItsIterationsAndChecksOnlyTheRightPIN() throws {
        let pin = try ManagerPIN("482916")
        let first = try PINHash(of: pin, iterations: PINHashing.minimumIterations)
        let second = try PINHash(of: pin, iterations: PINHashing.minimumIterations)
        #expect(first.salt.count == 16 && first.hash.count == 32)
        #expect(first.salt != second.salt, "each hash has its own salt")
        #expect(first.hash != second.hash, "so the same PIN hashes differently")
        #expect(first.iterations == PINHashing.minimumIterations)
        #expect(try first.matches(pin))
        #expect(try second.matches(pin))
        #expect(try !first.matches(try ManagerPIN("482917")))
    }

    @Test func comparesWholeStringsOfEqualLength() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([9, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2], [1, 2, 3]))
        #expect(constantTimeEqual([], []))
    }

    @Test func hashingBelowTheFloorIsRefused() throws {
        #expect(throws: ManagerError.self) { try PINHashing(iterations: 100_000) }
        #expect(PINHashing.standard.iterations == 600_000)
        #expect(try PINHashing(iterations: 210_000).iterations == 210_000)
    }

    @Test func aPINNeverPrints() throws {
        let pin = try ManagerPIN("secret-482916")
        #expect("\(pin)" == "<PIN>")
        #expect(String(reflecting: pin) == "<PIN>")
    }
}
