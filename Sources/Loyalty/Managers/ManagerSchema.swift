/// The store's managers, who is master, and the append-only audit log (migration "v3 managers").
enum ManagerSchema {
    static let v3 = """
        -- A manager's PIN is kept only as salted PBKDF2-HMAC-SHA256 with the iteration count it was made with.
        CREATE TABLE manager (
            id TEXT PRIMARY KEY
                CHECK (length(id) BETWEEN 1 AND 50 AND id NOT GLOB '*[^a-z0-9]*'),
            email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
            pin_algorithm TEXT NOT NULL CHECK (pin_algorithm = 'pbkdf2-sha256'),
            pin_iterations INTEGER NOT NULL CHECK (pin_iterations >= 210000),
            pin_salt BLOB NOT NULL CHECK (length(pin_salt) >= 16),
            pin_hash BLOB NOT NULL CHECK (length(pin_hash) = 32),
            -- Wrong PINs in a row since the last right one or the last lock.
            failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
            locked_until INTEGER,
            created_at INTEGER NOT NULL,
            pin_changed_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Exactly one master: a single row (id = 1) naming a registered manager. The reference is checked at
        -- commit, so the first manager and the master row go in together and a handover is one UPDATE.
        CREATE TABLE manager_master (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            manager_id TEXT NOT NULL REFERENCES manager(id) DEFERRABLE INITIALLY DEFERRED
        );
        CREATE TRIGGER manager_needs_master AFTER INSERT ON manager
        WHEN NOT EXISTS (SELECT 1 FROM manager_master)
        BEGIN
            SELECT RAISE(ABORT, 'the first manager is registered together with the master row');
        END;
        CREATE TRIGGER manager_master_not_removed BEFORE DELETE ON manager
        WHEN OLD.id = (SELECT manager_id FROM manager_master)
        BEGIN
            SELECT RAISE(ABORT, 'the master manager cannot be removed; hand the master role over first');
        END;
        CREATE TRIGGER manager_master_kept BEFORE DELETE ON manager_master
        BEGIN
            SELECT RAISE(ABORT, 'the master role is handed over, never removed');
        END;

        -- What managers did and what was tried with their PINs. Rows are only ever added.
        CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            occurred_at INTEGER NOT NULL,
            action TEXT NOT NULL,
            -- The manager who acted, or whose id was given with a PIN (kept as text: managers get removed).
            manager_id TEXT,
            -- Who was at the socket, by peer credentials, e.g. 'alice (uid 1000)'.
            caller TEXT NOT NULL,
            -- What it was about: the manager added or removed, the history asked for.
            subject TEXT,
            transaction_id INTEGER REFERENCES ledger_transaction(id),
            detail TEXT
        );
        CREATE INDEX audit_event_by_manager ON audit_event(manager_id, id);
        CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only: its rows are never changed');
        END;
        CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only: its rows are never deleted');
        END;
        """
}
