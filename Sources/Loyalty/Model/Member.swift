import Foundation
import GRDB

/// A customer of the shop and their balances.
public struct Member: Sendable, Hashable, Codable {
    public var id: Int64
    public var phone: PhoneNumber?
    public var barcode: String?
    public var points: Points
    public var stamps: Stamps
    public var createdAt: Date

    /// How to show who this is without revealing the phone number.
    public var maskedIdentity: String {
        if let phone { return phone.masked }
        if let barcode { return "card …\(barcode.suffix(4))" }
        return "member #\(id)"
    }
}

extension Member: FetchableRecord {
    public init(row: Row) throws {
        let phoneText: String? = row["phone"]
        self.init(
            id: row["id"],
            phone: try phoneText.map { text throws(LedgerError) in try PhoneNumber(parsing: text) },
            barcode: row["barcode"],
            points: row["points"], stamps: row["stamps"],
            createdAt: Date(ledgerMilliseconds: row["created_at"])
        )
    }
}
