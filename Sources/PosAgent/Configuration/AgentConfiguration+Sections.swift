import Foundation
import Loyalty

extension AgentConfiguration {
    static func readStore(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        configuration.store.id = section.string(
            "id", default: configuration.store.id, "1 to 64 letters, digits, '-' or '_'",
            valid: { (1...64).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } })
        configuration.store.name = section.string(
            "name", default: configuration.store.name, "the shop's name, 1 to 100 characters",
            valid: { (1...100).contains($0.count) })
        let zone = section.string(
            "time_zone", default: configuration.store.timeZone.identifier, "an IANA time zone such as \"Asia/Seoul\"",
            valid: { TimeZone(identifier: $0) != nil })
        configuration.store.timeZone = TimeZone(identifier: zone) ?? configuration.store.timeZone
        return section
    }

    static func readPolicy(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        var policy = configuration.policy
        policy.accrualRateBP = section.int("accrual_rate_bp", default: policy.accrualRateBP, in: 0...10_000,
                                           "points earned in basis points of the payment, 100 = 1 %")
        policy.stampMinPayment = section.int("stamp_min_payment", default: policy.stampMinPayment, in: 0...1_000_000_000_000,
                                             "the smallest payment in won that earns a stamp")
        policy.stampEveryWon = section.int("stamp_every_won", default: policy.stampEveryWon, in: 0...1_000_000_000_000,
                                           "one stamp per this many won, 0 = one per purchase")
        policy.minUsePoints = section.int("min_use_points", default: policy.minUsePoints, in: 0...1_000_000_000,
                                          "the fewest points used at once")
        policy.useUnit = section.int("use_unit", default: policy.useUnit, in: 1...1_000_000, "points are used in multiples of this")
        policy.maxUseShareBP = section.int("max_use_share_bp", default: policy.maxUseShareBP, in: 0...10_000,
                                           "the largest share of a payment paid in points, 10000 = all of it")
        policy.pointExpiryDays = section.int("point_expiry_days", default: policy.pointExpiryDays, in: 0...36_500,
                                             "days until points expire, 0 = never")
        policy.maxPayment = section.int("max_payment", default: policy.maxPayment, in: 1...1_000_000_000_000,
                                        "the largest payment in won the agent accepts")
        policy.stampCardSize = section.int("stamp_card_size", default: policy.stampCardSize, in: 0...1_000,
                                           "stamps that fill one stamp card, 0 = no stamp cards")
        policy.stampCardReward = section.string(
            "stamp_card_reward", default: policy.stampCardReward, "what a full card's coupon gives, 1 to 100 characters on one line",
            valid: { (1...100).contains($0.count) && !$0.contains(where: \.isNewline) })
        policy.stampCardRewardWon = section.int("stamp_card_reward_won", default: policy.stampCardRewardWon, in: 0...1_000_000_000_000,
                                                "a full card's coupon's value in won, 0 = a reward that is not money")
        policy.stampCouponValidDays = section.int("stamp_coupon_valid_days", default: policy.stampCouponValidDays, in: 0...3_650,
                                                  "days a full card's coupon can be redeemed, 0 = never expires")
        policy.voucherValidDays = section.int("voucher_valid_days", default: policy.voucherValidDays, in: 1...3_650,
                                              "days a voucher can be redeemed when the manager gives no last day")
        configuration.policy = policy
        return section
    }

    static func readMembership(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        var format = configuration.membership
        format.minLength = Int(section.int("barcode_min_length", default: Int64(format.minLength), in: 1...64,
                                           "the fewest digits of a membership barcode"))
        format.maxLength = Int(section.int("barcode_max_length", default: Int64(format.maxLength), in: 1...64,
                                           "the most digits of a membership barcode"))
        format.prefix = section.string("barcode_prefix", default: format.prefix, "digits every membership barcode starts with",
                                       valid: { $0.allSatisfy { $0.isASCII && $0.isNumber } })
        format.luhn = section.bool("barcode_luhn", default: format.luhn, "whether the last digit is a Luhn check digit")
        configuration.membership = format
        return section
    }

    static func readDatabase(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        configuration.database.path = section.string(
            "path", default: configuration.database.path, "an absolute or relative file path", valid: { !$0.isEmpty })
        let durability = section.string(
            "durability", default: configuration.database.durability.rawValue, "\"full\" or \"normal\"",
            valid: { Durability(rawValue: $0) != nil })
        configuration.database.durability = Durability(rawValue: durability) ?? .full
        return section
    }

    static func readAPI(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        configuration.api.socket = section.string(
            "socket", default: configuration.api.socket, "a socket path of at most 107 bytes",
            valid: { !$0.isEmpty && $0.utf8.count <= 107 })
        let groupName = { (text: String) in (1...32).contains(text.count) && text.allSatisfy { $0.isASCII && !$0.isWhitespace } }
        configuration.api.group = section.string("group", default: configuration.api.group, "a group name", valid: groupName)
        configuration.api.adminGroup = section.string(
            "admin_group", default: configuration.api.adminGroup, "a group name", valid: groupName)
        return section
    }

    static func readCheckout(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        configuration.checkout.promptTimeoutSeconds = section.int(
            "prompt_timeout_seconds", default: configuration.checkout.promptTimeoutSeconds, in: 5...600,
            "seconds a tablet prompt waits for the customer")
        return section
    }

    static func readTablet(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        configuration.tablet.secondsPerImage = section.int(
            "seconds_per_image", default: configuration.tablet.secondsPerImage, in: 2...300,
            "seconds the tablet's idle screen shows each marketing image")
        return section
    }
}
