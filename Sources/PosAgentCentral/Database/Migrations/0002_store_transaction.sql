-- Every transaction a shop uploaded, once: by its id, and by its place (store, seq) in the shop's ledger.
CREATE TABLE store_transaction (
    id uuid PRIMARY KEY,
    store_id text NOT NULL REFERENCES store (id),
    seq bigint NOT NULL CHECK (seq > 0),
    type text NOT NULL,
    occurred_at timestamptz NOT NULL,
    -- The shop's calendar day, from the offset the agent wrote: reports are per shop and day.
    business_day date NOT NULL,
    member_phone text,
    member_barcode text,
    payment bigint NOT NULL,
    points bigint NOT NULL,
    stamps bigint NOT NULL,
    cancels uuid,
    actor text,
    reason text,
    coupon jsonb,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (store_id, seq)
);

-- The end of each shop's chain, moved in the batch's transaction with the store row locked.
ALTER TABLE store ADD COLUMN last_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE store ADD COLUMN last_hash text;

-- A transaction refused for what it says (an unknown type, a bad field) whose hash continues the chain:
-- the chain goes on over it, so the rest of the shop's uploads are not blocked, and `verify` follows the
-- chain through it. Sent again and accepted (after the cause is fixed), it moves to store_transaction.
CREATE TABLE store_rejection (
    store_id text NOT NULL REFERENCES store (id),
    seq bigint NOT NULL,
    id text NOT NULL,
    code text NOT NULL,
    reason text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, seq)
);
