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
        }
    }
}
