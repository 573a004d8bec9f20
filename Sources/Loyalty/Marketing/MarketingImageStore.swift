import Foundation
import GRDB
import SyncWire

/// The `marketing_image` rows.
enum MarketingImageStore {
    static let columns = """
        id, sha256, format, width, height, bytes, title, shown_from, shown_until, position, hidden, origin, added_at, added_by
        """

    static func all(_ db: Database) throws -> [MarketingImage] {
        try Row.fetchAll(db.prepared("SELECT \(columns) FROM marketing_image ORDER BY position, id")).map(image)
    }

    static func find(_ db: Database, id: Int64) throws -> MarketingImage? {
        try Row.fetchOne(db.prepared("SELECT \(columns) FROM marketing_image WHERE id = ?"), arguments: [id]).map(image)
    }

    static func find(_ db: Database, sha256: String) throws -> MarketingImage? {
        try Row.fetchOne(db.prepared("SELECT \(columns) FROM marketing_image WHERE sha256 = ?"), arguments: [sha256]).map(image)
    }

    static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db.prepared("SELECT count(*) FROM marketing_image")) ?? 0
    }

    static func insert(_ db: Database, _ facts: ImageFacts, sha256: String, bytes: Int, details: MarketingImageDetails,
                       origin: String, addedBy: String, at now: Date) throws -> Int64 {
        let position = (try Int.fetchOne(db.prepared("SELECT max(position) FROM marketing_image")) ?? 0) + 1
        try db.run("""
            INSERT INTO marketing_image (sha256, format, width, height, bytes, title, shown_from, shown_until, position,
                                         origin, added_at, added_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [sha256, facts.format.rawValue, facts.width, facts.height, bytes, details.title,
                  details.from?.description, details.until?.description, position, origin, now.ledgerMilliseconds, addedBy])
        return db.lastInsertedRowID
    }

    static func setHidden(_ db: Database, id: Int64, _ hidden: Bool) throws {
        try db.run("UPDATE marketing_image SET hidden = ? WHERE id = ?", [hidden ? 1 : 0, id])
    }

    static func delete(_ db: Database, id: Int64) throws {
        try db.run("DELETE FROM marketing_image WHERE id = ?", [id])
    }

    static func setPosition(_ db: Database, id: Int64, _ position: Int) throws {
        try db.run("UPDATE marketing_image SET position = ? WHERE id = ?", [position, id])
    }

    private static func image(_ row: Row) throws -> MarketingImage {
        MarketingImage(
            id: row[0], sha256: row[1], format: ImageFormat(rawValue: row[2]) ?? .png, width: row[3], height: row[4],
            bytes: row[5], title: row[6],
            from: try (row[7] as String?).map { text in try StoreDay(parsing: text) },
            until: try (row[8] as String?).map { text in try StoreDay(parsing: text) },
            position: row[9], hidden: row[10] as Bool, origin: row[11], addedAt: Date(ledgerMilliseconds: row[12]),
            addedBy: row[13])
    }
}

extension MarketingImageStore {
    static func setDetails(_ db: Database, id: Int64, _ details: MarketingImageDetails) throws {
        try db.run("UPDATE marketing_image SET title = ?, shown_from = ?, shown_until = ? WHERE id = ?",
                   [details.title, details.from?.description, details.until?.description, id])
    }
}
