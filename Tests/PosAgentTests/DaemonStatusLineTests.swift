import Foundation
import Loyalty
import Testing
@testable import PosAgent

/// systemd's STATUS= line names the backlog and the age of the oldest unsent transaction.
@Suite struct DaemonStatusLineTests {
    let devices = [DeviceState(role: "tablet", present: true), DeviceState(role: "scanner", present: false)]
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aBacklogIsCountedWithTheAgeOfItsOldest() {
        let line = DaemonStatusLine.text(socket: "/run/posagent/api.sock", devices: devices,
                                         backlog: OutboxBacklog(count: 42, oldest: now.addingTimeInterval(-125.7)), now: now)
        #expect(line == "serving /run/posagent/api.sock; tablet attached, scanner absent; 42 transactions queued for upload, the oldest 125 s old")
    }

    @Test func anEmptyQueueHasNoAge() {
        let line = DaemonStatusLine.text(socket: "/s", devices: [], backlog: OutboxBacklog(count: 0, oldest: nil), now: now)
        #expect(line == "serving /s; no devices; 0 transactions queued for upload")
    }

    @Test func oneTransactionIsSingular() {
        let line = DaemonStatusLine.text(socket: "/s", devices: devices, backlog: OutboxBacklog(count: 1, oldest: now), now: now)
        #expect(line.hasSuffix("1 transaction queued for upload, the oldest 0 s old"))
    }

    @Test func anUnreadableLedgerIsSaid() {
        let line = DaemonStatusLine.text(socket: "/s", devices: devices, backlog: nil, now: now)
        #expect(line.hasSuffix("upload queue unknown (the ledger could not be read)"))
    }
}
