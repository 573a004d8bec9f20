import DeviceIO
import Loyalty

/// What the customer reads on the tablet after an operation, in Korean.
enum TabletScreens {
    static func result(for result: OperationResult) -> TabletResult {
        let transaction = result.transaction
        let member = result.member
        let title: String = switch transaction.type {
        case .accrual: "적립 완료"
        case .pointUse: "포인트 사용 완료"
        case .stampUse: "스탬프 사용 완료"
        case .conversion: "포인트 전환 완료"
        case .cancellation: "거래 취소 완료"
        case .expiry: "포인트 소멸"
        }
        var lines: [String] = []
        if transaction.points != 0 { lines.append("포인트 \(OperationPrinter.signed(transaction.points))") }
        if transaction.stamps != 0 { lines.append("스탬프 \(OperationPrinter.signed(transaction.stamps))") }
        lines.append("잔여 포인트 \(grouped(member.points))")
        lines.append("스탬프 \(member.stamps)개")
        if let phone = member.phone { lines.append(phone.masked) }
        return TabletResult(title: title, lines: lines, points: member.points, stamps: member.stamps)
    }
}
