import Foundation
import Loyalty
import Testing
@testable import PosAgent

@Suite struct ConfigurationTests {
    @Test func anEmptyFileMeansEveryDefault() throws {
        let configuration = try AgentConfiguration.parse("", file: "posagent.toml")
        #expect(configuration == AgentConfiguration())
        #expect(configuration.policy == StorePolicy())
        #expect(configuration.database.durability == .full)
        #expect(configuration.store.timeZone.identifier == "Asia/Seoul")
    }

    @Test func readsEverySection() throws {
        let configuration = try AgentConfiguration.parse(
            """
            [store]
            id = "gangnam-01"
            name = "강남점"
            time_zone = "Asia/Seoul"

            [policy]
            accrual_rate_bp = 250
            stamp_min_payment = 5000
            stamp_every_won = 10000
            min_use_points = 500
            use_unit = 10
            max_use_share_bp = 3000
            point_expiry_days = 0
            max_payment = 2000000
            stamp_card_size = 12
            stamp_card_reward = "아메리카노 1잔"
            stamp_card_reward_won = 4500
            stamp_coupon_valid_days = 0
            voucher_valid_days = 60

            [membership]
            barcode_min_length = 13
            barcode_max_length = 13
            barcode_prefix = "29"
            barcode_luhn = true

            [database]
            path = "/srv/ledger.sqlite"
            durability = "normal"
            """, file: "posagent.toml")
        #expect(configuration.store.id == "gangnam-01")
        #expect(configuration.store.name == "강남점")
        #expect(configuration.policy.accrualRateBP == 250)
        #expect(configuration.policy.stampMinPayment == 5_000)
        #expect(configuration.policy.stampEveryWon == 10_000)
        #expect(configuration.policy.minUsePoints == 500)
        #expect(configuration.policy.useUnit == 10)
        #expect(configuration.policy.maxUseShareBP == 3_000)
        #expect(configuration.policy.pointExpiryDays == 0)
        #expect(configuration.policy.maxPayment == 2_000_000)
        #expect(configuration.policy.stampCardSize == 12)
        #expect(configuration.policy.stampCardReward == "아메리카노 1잔")
        #expect(configuration.policy.stampCardRewardWon == 4_500)
        #expect(configuration.policy.stampCouponValidDays == 0)
        #expect(configuration.policy.voucherValidDays == 60)
        #expect(configuration.membership == BarcodeFormat(minLength: 13, maxLength: 13, prefix: "29", luhn: true))
        #expect(configuration.database.path == "/srv/ledger.sqlite")
        #expect(configuration.database.durability == .normal)
    }

    @Test func namesEveryWrongKeyAndValueAtOnce() {
        let text = """
            [store]
            time_zone = "Mars/Olympus"

            [policy]
            accrual_rate_bp = "1%"
            use_unit = 0
            min_use_pionts = 100

            [database]
            durability = "sometimes"

            [printer]
            model = "x"
            """
        #expect {
            try AgentConfiguration.parse(text, file: "bad.toml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let problems = error.problems.joined(separator: "\n")
            return error.problems.count == 6
                && problems.contains("store.time_zone must be an IANA time zone")
                && problems.contains("policy.accrual_rate_bp must be a whole number")
                && problems.contains("policy.use_unit = 0 is out of range")
                && problems.contains("policy.min_use_pionts is not a setting posagent knows; did you mean 'min_use_points'?")
                && problems.contains("database.durability must be \"full\" or \"normal\"")
                && problems.contains("[printer] is not a section posagent knows")
        }
    }

    @Test func theIdleScreenShowsEachImageForSecondsWithinRange() throws {
        #expect(try AgentConfiguration.parse("", file: "posagent.toml").tablet.secondsPerImage == 8)
        #expect(try AgentConfiguration.parse("[tablet]\nseconds_per_image = 15\n", file: "posagent.toml").tablet.secondsPerImage == 15)
        for wrong in ["1", "301", "\"8s\""] {
            #expect {
                try AgentConfiguration.parse("[tablet]\nseconds_per_image = \(wrong)\n", file: "bad.toml")
            } throws: { error in
                let problems = (error as? ConfigurationError)?.problems ?? []
                return problems.count == 1 && problems[0].hasPrefix("tablet.seconds_per_image")
                    && problems[0].contains("seconds the tablet's idle screen shows each marketing image")
            }
        }
    }

    @Test func syntaxErrorsGiveTheLine() {
        #expect {
            try AgentConfiguration.parse("[policy]\naccrual_rate_bp = = 3\n", file: "broken.toml")
        } throws: { error in
            "\(error)".contains("line 2")
        }
    }

    /// Texts on which the TOML parser would abort the process or stop reading early (found by AgentFuzzConfiguration).
    @Test(arguments: [
        ("[+store]\nid = \"x\"\n", "line 1, column 2"),
        ("[store]\n[\n", "line 2, column 2"),
        ("[store]\r\nid = \"a\"\r\n[[ \t+devices]]\r\n", "line 3, column 5"),
        ("\u{FEFF}[%store]\n", "line 1, column 2"),
        ("[\u{0C}store]\n", "line 1, column 2"),
        ("[store]\nid = \"x\"\u{0}\n[bogus]\n", "line 2: the file holds a NUL byte"),
        ("[store]\nx = [}\n", "line 2, column 6"),
        ("[store]\nx = [1,  # one\n  }\n", "line 3, column 3"),
    ])
    func textTheParserCannotTakeIsRefusedFirst(text: String, problem: String) {
        #expect {
            try AgentConfiguration.parse(text, file: "damaged.toml")
        } throws: { error in
            (error as? ConfigurationError)?.problems.first?.hasPrefix(problem) == true
        }
    }

    @Test func headersTheParserTakesStillLoad() throws {
        let text = "\u{FEFF}[store]\nid = \"a\"\n[ \"sync\" ]\nbatch_size = 10\n[[devices]]\nrole = \"tablet\"\npath = \"/dev/ttyS0\"\n"
        let configuration = try AgentConfiguration.parse(text, file: "posagent.toml")
        #expect(configuration.store.id == "a")
        #expect(configuration.sync.batchSize == 10)
        #expect(configuration.devices.count == 1)
        let braces = try AgentConfiguration.parse("[store]\nname = \"[} , }\"  # [}\n[policy]\nstamp_card_reward = '[1, }'\n", file: "posagent.toml")
        #expect(braces.store.name == "[} , }")
        #expect(braces.policy.stampCardReward == "[1, }")
    }

    @Test func inconsistentPolicyIsRefused() {
        #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.parse("[membership]\nbarcode_min_length = 12\nbarcode_max_length = 8\n", file: "x.toml")
        }
        #expect {
            try AgentConfiguration.parse("[policy]\nmax_payment = 1000\nstamp_card_reward_won = 5000\n", file: "x.toml")
        } throws: { error in
            "\(error)".contains("stamp_card_reward_won must be 0 to max_payment")
        }
    }

    @Test func theCashierScreenListensOnLoopbackOnly() throws {
        let defaults = try AgentConfiguration.parse("", file: "posagent.toml").web
        #expect(defaults.address == "127.0.0.1" && defaults.port == 8620)
        let configured = try AgentConfiguration.parse(
            "[web]\naddress = \"::1\"\nport = 0\ncashier_pin_file = \"/srv/pin\"\nsession_hours = 8\n", file: "posagent.toml").web
        #expect(configured == AgentConfiguration.Web(address: "::1", port: 0, cashierPINFile: "/srv/pin", sessionHours: 8))
        #expect(try AgentConfiguration.parse("[web]\naddress = \"127.0.0.2\"\n", file: "x.toml").web.address == "127.0.0.2")
        for address in ["0.0.0.0", "192.168.0.10", "localhost", "::", "fe80::1"] {
            #expect {
                try AgentConfiguration.parse("[web]\naddress = \"\(address)\"\n", file: "x.toml")
            } throws: { error in
                "\(error)".contains("web.address must be a loopback address such as \"127.0.0.1\" or \"::1\"")
            }
        }
        #expect(throws: ConfigurationError.self) { try AgentConfiguration.parse("[web]\nport = 70000\n", file: "x.toml") }
    }

    @Test func aMissingExplicitFileIsAnErrorButAMissingDefaultIsNot() throws {
        #expect(throws: ConfigurationError.self) { try AgentConfiguration.load(path: "/nonexistent/posagent.toml") }
    }
}

@Suite struct TextTableTests {
    @Test func alignsHangulByDisplayWidth() {
        var table = TextTable([("Name", .left), ("Points", .right)])
        table.add(["강남점", "1,000"])
        table.add(["Shop", "5"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.map(displayWidth).allSatisfy { $0 <= displayWidth(lines[1]) })
        #expect(lines[2] == "강남점   1,000")
        #expect(lines[3] == "Shop         5")
    }

    @Test func groupsThousands() {
        #expect(grouped(0) == "0")
        #expect(grouped(1_234_567) == "1,234,567")
        #expect(grouped(-1_000) == "-1,000")
    }
}
