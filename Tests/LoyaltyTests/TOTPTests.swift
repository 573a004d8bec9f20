import Foundation
import Testing
@testable import Loyalty
import SyncWire

/// TOTP and its parts against the RFCs' own test vectors.
@Suite struct TOTPTests {
    /// RFC 6238 appendix B: the seeds for SHA1, SHA256 and SHA512, and the 8-digit codes at each time.
    static let sha1Seed = Array("12345678901234567890".utf8)
    static let sha256Seed = Array("12345678901234567890123456789012".utf8)
    static let sha512Seed = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)
    static let vectors: [(time: Int64, sha1: String, sha256: String, sha512: String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test func rfc6238AppendixBVectorsWithEightDigits() {
        for vector in Self.vectors {
            let step = UInt64(vector.time / 30)
            #expect(TOTP.hotp(secret: Self.sha1Seed, counter: step, digits: 8, algorithm: .sha1) == vector.sha1, "T = \(vector.time)")
            #expect(TOTP.hotp(secret: Self.sha256Seed, counter: step, digits: 8, algorithm: .sha256) == vector.sha256, "T = \(vector.time)")
            #expect(TOTP.hotp(secret: Self.sha512Seed, counter: step, digits: 8, algorithm: .sha512) == vector.sha512, "T = \(vector.time)")
        }
    }

    /// Six digits are the same truncation modulo 10^6 (the RFC's reference code takes the digits as a
    /// parameter): the last six of the eight-digit codes, through the public API at the vectors' times.
    @Test func sixDigitCodesAtTheVectorsTimes() throws {
        let totp = TOTP(secret: try OTPSecret(bytes: Self.sha1Seed))
        for vector in Self.vectors {
            let date = Date(timeIntervalSince1970: TimeInterval(vector.time))
            #expect(totp.code(at: date) == String(vector.sha1.suffix(6)), "T = \(vector.time)")
            #expect(TOTP.step(at: date) == vector.time / 30)
        }
        #expect(totp.code(at: Date(timeIntervalSince1970: 59)) == "287082")
        #expect(totp.code(at: Date(timeIntervalSince1970: 60)) != "287082", "a new step, a new code")
    }

    /// RFC 4226 appendix D: HOTP of the same SHA1 seed for counters 0 to 9.
    @Test func rfc4226HOTPVectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, code) in expected.enumerated() {
            #expect(TOTP.hotp(secret: Self.sha1Seed, counter: UInt64(counter), digits: 6, algorithm: .sha1) == code)
        }
    }

    /// RFC 4648 section 10.
    @Test func base32Vectors() {
        let vectors = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base32.decode("mzxw6ytboi======") == Array("foobar".utf8), "lower case and padding")
        #expect(Base32.decode("MZXW 6YTB-OI") == Array("foobar".utf8), "spaces and hyphens as people write them")
        #expect(Base32.decode("MZXW6YT1") == nil, "1 is not in the alphabet")
        #expect(Base32.decode("MZXW6YTBO") == nil, "9 letters encode no whole number of bytes")
        #expect(Base32.decode("MZ") == nil, "the bits after the last byte must be zero")
        #expect(Base32.encode(Self.sha1Seed) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }

    @Test func secretsAre20RandomBytesAndNeverPrinted() throws {
        let first = OTPSecret.generate(), second = OTPSecret.generate()
        #expect(first.bytes.count == 20)
        #expect(first.base32.count == 32)
        #expect(first != second)
        #expect("\(first)" == "<OTP secret>")
        #expect(String(reflecting: first) == "<OTP secret>")
        #expect(try OTPSecret(base32: first.base32) == first)
        #expect(throws: OTPError.self) { try OTPSecret(base32: "GEZDGNBV") }
    }

    @Test func theURIHasWhatAuthenticatorAppsRead() throws {
        let secret = try OTPSecret(bytes: Self.sha1Seed)
        #expect(OTPAuthURI.make(base32: secret.base32, issuer: "강남점 Cafe", account: "010-****-5678")
                == "otpauth://totp/010-%2A%2A%2A%2A-5678?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=%EA%B0%95%EB%82%A8%EC%A0%90%20Cafe&digits=6&period=30&algorithm=SHA1")
    }

    @Test func keyFilesHoldBase64Of32Bytes() throws {
        let key = OTPKey.generate()
        let text = String(decoding: key.fileContents, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        #expect(Data(base64Encoded: text.trimmingCharacters(in: .newlines))?.count == 32)
        let read = try OTPKey(fileContents: key.fileContents)
        #expect(read.fileContents == key.fileContents)
        #expect(throws: OTPError.self) { try OTPKey(fileContents: Data("c2hvcnQ=\n".utf8)) }
        #expect(throws: OTPError.self) { try OTPKey(fileContents: Data()) }
    }
}
