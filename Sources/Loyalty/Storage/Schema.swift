import GRDB

/// The ledger's schema, as named migrations. A shipped migration is never edited: changes come as new ones.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 ledger") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2 outbox delivery") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3 managers") { db in
            try db.execute(sql: ManagerSchema.v3)
        }
        migrator.registerMigration("v4 coupons") { db in
            try db.execute(sql: CouponSchema.v4)
        }
        migrator.registerMigration("v5 member otp") { db in
            try db.execute(sql: OTPSchema.v5)
        }
        migrator.registerMigration("v6 otp secret feed") { db in
            try db.execute(sql: OTPFeedSchema.v6)
        }
        migrator.registerMigration("v7 outbox upload json") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8 marketing images") { db in
            try db.execute(sql: MarketingSchema.v8)
        }
        return migrator
    }

    /// Each outbox row's upload JSON, written when it is committed (`OutboxJSON`), so a drain joins stored
    /// bytes. A table of its own: marking rows sent rewrites small outbox rows, not the JSON with them.
    /// Rows committed before have none and get it when they are read (`pendingUploadBatch`).
    private static let v7 = """
        CREATE TABLE outbox_upload (
            seq INTEGER PRIMARY KEY REFERENCES outbox(seq),
            json BLOB NOT NULL
        );
        """

    /// Upload state of each outbox row, dead letters, and the uploader's last outcome.
    private static let v2 = """
        ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
        ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN dead_code TEXT;
        ALTER TABLE outbox ADD COLUMN dead_reason TEXT;
        ALTER TABLE outbox ADD COLUMN dead_at INTEGER;
        CREATE INDEX outbox_waiting ON outbox(seq) WHERE sent_at IS NULL AND dead_at IS NULL;
        CREATE INDEX outbox_dead ON outbox(seq) WHERE dead_at IS NOT NULL;

        CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_attempt_at INTEGER,
            last_success_at INTEGER,
            last_error TEXT,
            last_error_at INTEGER
        );
        INSERT INTO sync_state (id) VALUES (1);
        """

    private static let v1 = """
        CREATE TABLE member (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            phone TEXT,
            barcode TEXT,
            points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
            stamps INTEGER NOT NULL DEFAULT 0 CHECK (stamps >= 0),
            created_at INTEGER NOT NULL,
            CHECK (phone IS NOT NULL OR barcode IS NOT NULL)
        );
        -- Partial unique indexes: a member without a card costs no index entry for it.
        CREATE UNIQUE INDEX member_by_phone ON member(phone) WHERE phone IS NOT NULL;
        CREATE UNIQUE INDEX member_by_barcode ON member(barcode) WHERE barcode IS NOT NULL;

        CREATE TABLE ledger_transaction (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            type TEXT NOT NULL
                CHECK (type IN ('accrual', 'point_use', 'stamp_use', 'conversion', 'cancellation', 'expiry')),
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
            CHECK ((type = 'cancellation') = (cancels_id IS NOT NULL))
        );
        CREATE INDEX ledger_transaction_by_time ON ledger_transaction(occurred_at, id);
        CREATE INDEX ledger_transaction_by_member ON ledger_transaction(member_id, occurred_at, id);
        -- A transaction is cancelled at most once.
        CREATE UNIQUE INDEX ledger_transaction_cancelled_once ON ledger_transaction(cancels_id) WHERE cancels_id IS NOT NULL;

        CREATE TABLE lot (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            member_id INTEGER NOT NULL REFERENCES member(id),
            transaction_id INTEGER NOT NULL REFERENCES ledger_transaction(id),
            kind TEXT NOT NULL CHECK (kind IN ('points', 'stamps')),
            amount INTEGER NOT NULL CHECK (amount > 0),
            remaining INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
            expires_at INTEGER
        );
        CREATE INDEX lot_live ON lot(member_id, kind, expires_at) WHERE remaining > 0;
        CREATE INDEX lot_by_transaction ON lot(transaction_id);

        -- What each use, expiry or cancelled grant took from each lot; a cancelled use gives it back.
        CREATE TABLE lot_take (
            transaction_id INTEGER NOT NULL REFERENCES ledger_transaction(id),
            lot_id INTEGER NOT NULL REFERENCES lot(id),
            amount INTEGER NOT NULL CHECK (amount > 0),
            PRIMARY KEY (transaction_id, lot_id)
        ) WITHOUT ROWID;
        CREATE INDEX lot_take_by_lot ON lot_take(lot_id);

        -- A request's key, what it asked (fingerprint) and what it answered: the transaction and the balance after.
        CREATE TABLE idempotency_key (
            key TEXT PRIMARY KEY,
            fingerprint BLOB NOT NULL,
            transaction_id INTEGER NOT NULL REFERENCES ledger_transaction(id),
            member_points INTEGER NOT NULL,
            member_stamps INTEGER NOT NULL,
            enrolled INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Every committed transaction, queued for upload; the UUID is its identity on the central server.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            transaction_id INTEGER NOT NULL UNIQUE REFERENCES ledger_transaction(id),
            created_at INTEGER NOT NULL
        );
        """
}
