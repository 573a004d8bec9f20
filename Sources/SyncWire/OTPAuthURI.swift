/// The `otpauth://` URI authenticator apps import (the Key URI format Google Authenticator defined, which
/// the other apps follow): the account as the label, the secret in Base32, the issuer (the shop, as the
/// app lists it) and the parameters every posagent checks codes with (SHA1, 6 digits, 30 s). Shared by the
/// agent's enrollment and the central server's `member otp-issue`, so both hand out the same form.
public enum OTPAuthURI {
    public static func make(base32 secret: String, issuer: String, account: String) -> String {
        "otpauth://totp/\(percentEncoded(account))?secret=\(secret)&issuer=\(percentEncoded(issuer))"
            + "&digits=6&period=30&algorithm=SHA1"
    }

    /// UTF-8, with everything but RFC 3986's unreserved characters percent-encoded (a space is %20).
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return result
    }
}
