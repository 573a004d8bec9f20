import Testing
@testable import PosAgentCentral

/// The times ingest lets through to PostgreSQL: what agents write, and nothing the database would refuse.
struct RFC3339TimeTests {
    @Test(arguments: [
        "2026-03-02T10:00:00.000+09:00",  // as the agent writes it
        "2026-03-02T01:00:00Z", "2026-03-02T10:00:00+09:00", "2026-03-02T10:00:00.123456-03:30",
        "2024-02-29T23:59:59.999+09:00", "2000-02-29T00:00:00.5+00:00", "0001-01-01T00:00:00Z",
    ])
    func aTimeWithItsOffsetPasses(_ text: String) {
        #expect(RFC3339Time.isValid(text))
    }

    @Test(arguments: [
        "2026-02-29T10:00:00.000+09:00", "1900-02-29T10:00:00Z", "2026-04-31T10:00:00Z",  // no such day
        "2026-13-01T10:00:00Z", "2026-00-10T10:00:00Z", "2026-03-00T10:00:00Z", "0000-03-02T10:00:00Z",
        "2026-03-02T24:00:00Z", "2026-03-02T10:60:00Z", "2026-03-02T10:00:60Z",
        "2026-03-02T10:00:00.000", "2026-03-02T10:00:00", "2026-03-02",  // no offset
        "2026-03-02 10:00:00+09:00", "2026-03-02T10:00:00+0900", "2026-03-02T10:00:00+16:00", "2026-03-02T10:00:00+09:60",
        "2026-03-02T10:00:00.+09:00", "2026-03-02T10:00:00.1234567890Z", "2026-03-02T10:00:00Z ", "2026-03-02T10:00:00ZZ",
        "２０２６-03-02T10:00:00Z", "2026-3-02T10:00:00.000+09:00", "", "not a time at all, but long",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(!RFC3339Time.isValid(text))
    }

    @Test func aRowAtADayThatDoesNotExistIsABadTime() {
        let row = linked([transaction("accrual", at: "2026-02-30T10:00:00.000+09:00")])[0]
        #expect(RowCheck.problem(row)?.code == "bad_time")
    }
}
