import DeviceIO
import Loyalty

/// What the customer reads on the tablet after an operation, in Korean.
enum TabletScreens {
    /// `title` names what was done when the transaction's type does not say it (an act by one-time code).
    static func result(for result: OperationResult, title: String? = nil) -> TabletResult {
        let transaction = result.transaction
        let member = result.member
        let title = title ?? Self.title(of: transaction.type)
        var lines: [String] = []
        if transaction.points != 0 { lines.append("포인트 \(OperationPrinter.signed(transaction.points))") }
        if transaction.stamps != 0 { lines.append("스탬프 \(OperationPrinter.signed(transaction.stamps))") }
        lines += result.coupons.map { couponLine($0, after: transaction) }
        lines.append("잔여 포인트 \(grouped(member.points))")
        lines.append("스탬프 \(member.stamps)개")
        if let phone = member.phone { lines.append(phone.masked) }
        return TabletResult(title: title, lines: lines, points: member.points, stamps: member.stamps)
    }

    static func title(of type: TransactionType) -> String {
        switch type {
        case .accrual: "적립 완료"
        case .pointUse: "포인트 사용 완료"
        case .stampUse: "스탬프 사용 완료"
        case .conversion: "포인트 전환 완료"
        case .cancellation: "거래 취소 완료"
        case .expiry: "포인트 소멸"
        case .couponIssue: "쿠폰 발급 완료"
        case .couponRedemption: "쿠폰 사용 완료"
        case .couponExpiry: "쿠폰 만료"
        }
    }

    /// "쿠폰 발급: 아메리카노 1잔 (CP48213907765)", "쿠폰 사용: …"; a coupon issued before `transaction` that is
    /// issued again (its redemption cancelled) reads "쿠폰 사용 취소".
    static func couponLine(_ coupon: Coupon, after transaction: LedgerTransaction) -> String {
        let what: String = switch coupon.state {
        case .issued: coupon.issuedBy >= transaction.id ? "쿠폰 발급" : "쿠폰 사용 취소"
        case .redeemed: "쿠폰 사용"
        case .expired: "쿠폰 만료"
        case .void: "쿠폰 취소"
        }
        let value = coupon.value > 0 ? " \(grouped(coupon.value))원" : ""
        return "\(what): \(coupon.description)\(value) (\(coupon.code))"
    }

    /// The prompt of a coupon redemption at the counter: the answer comes from the scanner.
    static let scanCouponTitle = "쿠폰 바코드를 스캐너에 보여 주세요"
}
