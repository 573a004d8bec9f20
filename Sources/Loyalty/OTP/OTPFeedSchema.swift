/// Where the download of members' secrets from the central server stands (migration "v6 otp secret feed").
enum OTPFeedSchema {
    static let v6 = """
        -- One row: the server's cursor after the last page applied, saved in the transaction that stored the
        -- page's secrets, so a crash neither skips nor applies a page twice; and what came of the pages.
        CREATE TABLE otp_secret_feed (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            cursor TEXT,
            imported INTEGER NOT NULL DEFAULT 0,
            refused INTEGER NOT NULL DEFAULT 0,
            last_success_at INTEGER,
            last_refusal_code TEXT,
            last_refusal_at INTEGER,
            last_error TEXT,
            last_error_at INTEGER
        );
        INSERT INTO otp_secret_feed (id) VALUES (1);
        """
}
