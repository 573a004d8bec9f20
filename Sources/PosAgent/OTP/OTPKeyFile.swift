import Foundation
import Loyalty

/// The file that holds the key sealing members' OTP secrets: read by the daemon at start, made once by
/// `posagent otp init-key`.
enum OTPKeyFile {
    /// The key in `path`; nil when there is no such file (one-time codes are then refused with a message
    /// that says how to make one).
    static func load(_ path: String) throws -> OTPKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OTPError(.invalidKey, "cannot read the OTP key file \(path); check that the daemon's account may read it (mode 0600, owned by it)")
        }
        return try OTPKey(fileContents: data)
    }

    /// Whether others than the owner may read `path`: a key for everyone is no key.
    static func isExposed(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & 0o077 != 0
    }

    /// Writes a new random key to `path` with mode 0600, never over an existing file: a replaced key makes
    /// every stored secret unreadable.
    static func create(_ path: String, owner: String?) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw OTPError(.invalidKey, "cannot create the OTP key file \(path): \(reason)"
                           + (errno == EEXIST ? "; a key exists already, and replacing it would make every member's secret unreadable" : ""))
        }
        defer { close(descriptor) }
        let contents = Array(OTPKey.generate().fileContents)
        guard write(descriptor, contents, contents.count) == contents.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw OTPError(.invalidKey, "cannot write the OTP key file \(path): \(reason)")
        }
        if let owner {
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: 16_384)
            guard getpwnam_r(owner, &entry, &buffer, buffer.count, &result) == 0, result != nil else {
                unlink(path)
                throw OTPError(.invalidKey, "there is no user \(owner) to own the OTP key file; give the daemon's account (posagent)")
            }
            guard fchown(descriptor, entry.pw_uid, entry.pw_gid) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw OTPError(.invalidKey, "cannot give the OTP key file to \(owner): \(reason); run as root")
            }
        }
    }
}
