import Foundation
import GRDB

/// Finding, enrolling and re-balancing members inside the caller's SQLite transaction.
enum MemberStore {
    static func find(_ db: Database, _ key: MemberKey) throws -> Member? {
        switch key {
        case .phone(let phone):
            try Member.fetchOne(try db.prepared("SELECT * FROM member WHERE phone = ?"), arguments: [phone.digits])
        case .barcode(let code):
            try Member.fetchOne(try db.prepared("SELECT * FROM member WHERE barcode = ?"), arguments: [code])
        case .id(let id):
            try Member.fetchOne(try db.prepared("SELECT * FROM member WHERE id = ?"), arguments: [id])
        }
    }

    static func require(_ db: Database, _ key: MemberKey) throws -> Member {
        guard let member = try find(db, key) else {
            throw LedgerError(.memberNotFound, "no member has \(key); check it, or make a purchase to enroll them")
        }
        return member
    }

    /// The member named by `key`, enrolled now if a phone or card is new. An id must already exist.
    static func findOrEnroll(_ db: Database, _ key: MemberKey, at now: Date) throws -> (member: Member, enrolled: Bool) {
        if let member = try find(db, key) { return (member, false) }
        let phone: PhoneNumber?
        let barcode: String?
        switch key {
        case .phone(let number): (phone, barcode) = (number, nil)
        case .barcode(let code): (phone, barcode) = (nil, code)
        case .id: return (try require(db, key), false)
        }
        try db.run("INSERT INTO member (phone, barcode, created_at) VALUES (?, ?, ?)", [phone?.digits, barcode, now.ledgerMilliseconds])
        let member = Member(
            id: db.lastInsertedRowID, phone: phone, barcode: barcode, points: 0, stamps: 0,
            createdAt: Date(ledgerMilliseconds: now.ledgerMilliseconds))
        return (member, true)
    }

    /// Applies a change of balance, refusing overflow and (through CHECK constraints too) negatives.
    static func apply(_ db: Database, points: Points, stamps: Stamps, to member: Member) throws -> Member {
        var updated = member
        updated.points = try member.points.adding(points, what: "the member's points")
        updated.stamps = try member.stamps.adding(stamps, what: "the member's stamps")
        guard updated.points >= 0, updated.stamps >= 0 else {
            throw LedgerError(.storage, "a change would make member #\(member.id)'s balance negative; nothing was written")
        }
        try db.run("UPDATE member SET points = ?, stamps = ? WHERE id = ?", [updated.points, updated.stamps, member.id])
        return updated
    }
}
