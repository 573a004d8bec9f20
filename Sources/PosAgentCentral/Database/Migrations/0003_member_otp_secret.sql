-- Members' one-time-code secrets made here, delivered to each shop's agent through its secrets feed in
-- seq order (GET /v1/stores/{store}/otp-secrets). A later secret for the same member replaces the earlier
-- at the shop; both stay here in the feed's order.
CREATE TABLE member_otp_secret (
    seq bigserial PRIMARY KEY,
    store_id text NOT NULL REFERENCES store (id),
    member_phone text,
    member_barcode text,
    secret text NOT NULL,
    algorithm text NOT NULL DEFAULT 'SHA1',
    digits integer NOT NULL DEFAULT 6,
    period integer NOT NULL DEFAULT 30,
    issued_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((member_phone IS NULL) <> (member_barcode IS NULL))
);
CREATE INDEX member_otp_secret_store ON member_otp_secret (store_id, seq);
