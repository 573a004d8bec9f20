-- The chain's marketing images, which every shop's agent fetches for its tablet's idle screen
-- (GET /v1/stores/{store}/marketing, and each file by its hash). Checked as the agent checks a manager's
-- upload before they are stored: a whole JPEG or PNG, at most 1 MiB and 4096 px a side.
CREATE TABLE chain_image (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    format text NOT NULL CHECK (format IN ('png', 'jpeg')),
    content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 1048576),
    width integer NOT NULL CHECK (width BETWEEN 1 AND 4096),
    height integer NOT NULL CHECK (height BETWEEN 1 AND 4096),
    title text NOT NULL DEFAULT '' CHECK (char_length(title) <= 100),
    -- The first and last days shown, in each shop's own calendar; NULL: no bound.
    shown_from date,
    shown_until date,
    position integer NOT NULL CHECK (position >= 1),
    added_at timestamptz NOT NULL DEFAULT now(),
    CHECK (shown_from IS NULL OR shown_until IS NULL OR shown_from <= shown_until)
);
