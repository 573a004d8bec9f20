/// Coupons, and the transaction types that issue, redeem and expire them (migration "v4 coupons").
///
/// The v1 `ledger_transaction` table lists its types in a CHECK constraint, which SQLite cannot change in
/// place, so the table is rebuilt once (SQLite's documented twelve-step procedure; GRDB runs the migration
/// with foreign keys off and checks them all before it commits). The rebuilt table takes its types from the
/// `transaction_type` table instead, so a later type is an INSERT, not another rebuild. Rows are copied
/// verbatim: ids, hashes and the AUTOINCREMENT counter stay as they were.
enum CouponSchema {
    static let v4 = """
        CREATE TABLE transaction_type (
            name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z_]*')
        ) WITHOUT ROWID;
        INSERT INTO transaction_type (name) VALUES
            ('accrual'), ('point_use'), ('stamp_use'), ('conversion'), ('cancellation'), ('expiry'),
            ('coupon_issue'), ('coupon_redemption'), ('coupon_expiry');

        -- A coupon's terms never change after issue; its state follows its transactions (verify replays them).
        CREATE TABLE coupon (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL UNIQUE CHECK (length(code) = 13 AND code GLOB 'CP[0-9]*' AND substr(code, 3) NOT GLOB '*[^0-9]*'),
            member_id INTEGER NOT NULL REFERENCES member(id),
            kind TEXT NOT NULL CHECK (kind IN ('stamp_card', 'voucher')),
            value INTEGER NOT NULL CHECK (value >= 0),
            description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
            issued_at INTEGER NOT NULL,
            expires_at INTEGER,
            state TEXT NOT NULL CHECK (state IN ('issued', 'redeemed', 'expired', 'void')),
            -- The redemption that holds it, while it is redeemed.
            redemption_id INTEGER REFERENCES ledger_transaction(id),
            CHECK ((state = 'redeemed') = (redemption_id IS NOT NULL))
        );
        CREATE INDEX coupon_by_member ON coupon(member_id, state, expires_at);
        CREATE INDEX coupon_due ON coupon(expires_at) WHERE state = 'issued' AND expires_at IS NOT NULL;

        CREATE TABLE ledger_transaction_v4 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            type TEXT NOT NULL REFERENCES transaction_type(name),
            member_id INTEGER NOT NULL REFERENCES member(id),
            payment INTEGER NOT NULL DEFAULT 0 CHECK (payment >= 0),
            points INTEGER NOT NULL DEFAULT 0,
            stamps INTEGER NOT NULL DEFAULT 0,
            occurred_at INTEGER NOT NULL,
            cancels_id INTEGER REFERENCES ledger_transaction(id),
            actor TEXT,
            reason TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            -- The coupon a coupon transaction (or the cancellation of one) is about.
            coupon_id INTEGER REFERENCES coupon(id),
            CHECK ((type = 'cancellation') = (cancels_id IS NOT NULL)),
            CHECK ((type IN ('coupon_issue', 'coupon_redemption', 'coupon_expiry')) <= (coupon_id IS NOT NULL))
        );
        INSERT INTO ledger_transaction_v4
            (id, type, member_id, payment, points, stamps, occurred_at, cancels_id, actor, reason, prev_hash, hash)
        SELECT id, type, member_id, payment, points, stamps, occurred_at, cancels_id, actor, reason, prev_hash, hash
        FROM ledger_transaction;
        DROP TABLE ledger_transaction;
        ALTER TABLE ledger_transaction_v4 RENAME TO ledger_transaction;
        CREATE INDEX ledger_transaction_by_time ON ledger_transaction(occurred_at, id);
        CREATE INDEX ledger_transaction_by_member ON ledger_transaction(member_id, occurred_at, id);
        CREATE UNIQUE INDEX ledger_transaction_cancelled_once ON ledger_transaction(cancels_id) WHERE cancels_id IS NOT NULL;
        CREATE INDEX ledger_transaction_by_coupon ON ledger_transaction(coupon_id, id) WHERE coupon_id IS NOT NULL;

        -- The coupons an operation issued, redeemed or gave back, so a replay answers with them (ids, comma-separated).
        ALTER TABLE idempotency_key ADD COLUMN coupon_ids TEXT;

        -- New members per day in the daily statistics.
        CREATE INDEX member_by_created_at ON member(created_at);
        """
}
