/// An amount of money in Korean won. Whole won only: the ledger never uses floating point for money.
public typealias Won = Int64

/// A count of loyalty points.
public typealias Points = Int64

/// A count of stamps.
public typealias Stamps = Int64

extension Int64 {
    /// `self * numerator / denominator`, rounded down, refusing overflow instead of trapping.
    func scaled(by numerator: Int64, over denominator: Int64) throws(LedgerError) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: numerator)
        guard !overflow, denominator > 0 else {
            throw LedgerError(.amountTooLarge, "\(self) × \(numerator) does not fit in 64 bits; use a smaller amount")
        }
        return product / denominator
    }

    func adding(_ other: Int64, what: String) throws(LedgerError) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard !overflow else {
            throw LedgerError(.amountTooLarge, "\(what) would overflow; the amount is too large")
        }
        return sum
    }
}
