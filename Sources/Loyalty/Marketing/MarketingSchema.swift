/// The shop's marketing images (migration "v8 marketing images"): what the tablet rotates while idle.
/// The files are on the image shelf by content hash; a row per image, its place, window and visibility.
enum MarketingSchema {
    static let v8 = """
        CREATE TABLE marketing_image (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            format TEXT NOT NULL CHECK (format IN ('png', 'jpeg')),
            width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 4096),
            height INTEGER NOT NULL CHECK (height BETWEEN 1 AND 4096),
            bytes INTEGER NOT NULL CHECK (bytes BETWEEN 1 AND 1048576),
            title TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 100),
            -- The first and last days shown, 'YYYY-MM-DD' in the store's time zone; NULL: no bound.
            shown_from TEXT CHECK (shown_from IS NULL OR length(shown_from) = 10),
            shown_until TEXT CHECK (shown_until IS NULL OR length(shown_until) = 10),
            position INTEGER NOT NULL CHECK (position >= 1),
            hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            origin TEXT NOT NULL DEFAULT 'shop' CHECK (origin IN ('shop', 'central')),
            added_at INTEGER NOT NULL,
            added_by TEXT NOT NULL,
            CHECK (shown_from IS NULL OR shown_until IS NULL OR shown_from <= shown_until)
        );
        CREATE INDEX marketing_image_by_position ON marketing_image(position, id);
        """
}
