/// Members' OTP secrets, sealed; the enrollments' idempotency keys; and the codes tried, for the rate limit
/// (migration "v5 member otp").
enum OTPSchema {
    static let v5 = """
        -- One TOTP secret per member, sealed with AES-256-GCM under the key file's key, with the store's and the
        -- member's ids as associated data. The secret itself is never stored in clear.
        CREATE TABLE member_otp (
            member_id INTEGER PRIMARY KEY REFERENCES member(id),
            store_id TEXT NOT NULL,
            -- nonce (12 bytes) || ciphertext (16 to 64 bytes) || tag (16 bytes)
            sealed_secret BLOB NOT NULL CHECK (length(sealed_secret) BETWEEN 44 AND 92),
            source TEXT NOT NULL CHECK (source IN ('enrolled', 'imported')),
            enrolled_at INTEGER NOT NULL,
            -- The idempotency key of the enrollment that made this secret (none for an imported one).
            enrollment_key TEXT REFERENCES otp_enrollment(key),
            -- The TOTP step of the last code accepted: that code and every earlier one are refused. Kept when
            -- the secret is replaced, since steps are times.
            last_used_step INTEGER
        ) WITHOUT ROWID;

        -- Enrollment requests by idempotency key, so a retried request answers with the same secret.
        CREATE TABLE otp_enrollment (
            key TEXT PRIMARY KEY,
            fingerprint BLOB NOT NULL,
            member_id INTEGER NOT NULL REFERENCES member(id),
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Codes tried per member, for the limit of 5 in 10 minutes; rows older than that are deleted.
        CREATE TABLE otp_attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            member_id INTEGER NOT NULL REFERENCES member(id),
            attempted_at INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'wrong', 'replayed'))
        );
        CREATE INDEX otp_attempt_by_member ON otp_attempt(member_id, attempted_at);
        """
}
