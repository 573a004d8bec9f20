import DeviceTestbed
import Foundation
import Testing

/// POSAGENT_LONG_RUN_REPLUGS cycles of a USB serial scanner pulled out mid-barcode while a real accrual's
/// tablet prompt waits, and plugged back in under another node name; the full scan read next must answer
/// the prompt. After each cycle the daemon's descriptors do not grow past the first cycle's, and the
/// re-attach (uevent add → `/v1/devices` shows the new node) takes at most 1 s.
extension DaemonSuites {
@Suite(.enabled(if: LongRun.enabled, "the long run: set POSAGENT_LONG_RUN (scripts/long-run.sh)"))
struct LongRunReplugTests {
    @Test func aScannerPulledOutMidScanComesBackAndAnswers() async throws {
        let (status, transcript) = try await Testbed.runUnderUmockdev(suite: "LongRunReplugScenario")
        print(transcript.split(separator: "\n").filter { $0.hasPrefix("long run") }.joined(separator: "\n"))
        #expect(status == 0, "the umockdev scenario failed:\n\(transcript)")
        #expect(transcript.contains("Test run with 1 test"), "the umockdev scenario did not run:\n\(transcript)")
    }
}

@Suite(.enabled(if: LongRun.enabled && Testbed.connection != nil, "runs only inside testbed.py, started by LongRunReplugTests"))
struct LongRunReplugScenario {
    static let properties = ["ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61", "ID_SERIAL_SHORT": "SCN1"]

    @Test func replugCycles() async throws {
        let testbed = try #require(Testbed.connection)
        var node = "ttyACM20"
        var syspath = try testbed.addUSBTTY(node: node, devno: "166:20", vendor: "0c2e", product: "0b61", serial: "SCN1",
                                            properties: Self.properties)
        let counter = try await DaemonCheckoutTests.Counter.launch(extraConfiguration: """

            [[devices]]
            role = "scanner"
            match = { ID_VENDOR_ID = "0c2e", ID_MODEL_ID = "0b61" }
            """)
        try await waitUntil("the USB scanner is attached") { try await Self.attached(counter.daemon, node: node) }
        let cycles = LongRun.replugs
        var descriptors: [Int] = []
        var firstHeld: [String] = []
        var worst: Duration = .zero
        for cycle in 1...cycles {
            let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":20000}"#, key: "replug-\(cycle)")
            _ = try await counter.waitForPrompt(for: reply)
            // Half a barcode on the wire, then the cable comes out.
            try testbed.write(Array("88001".utf8), to: "/dev/\(node)")
            try testbed.send("remove \(syspath)")
            try await waitUntil("cycle \(cycle): the scanner is detached") { try await !Self.attached(counter.daemon, node: node) }
            // umockdev keeps a removed node's name: each plug gets a new one, as a replug on another port does.
            node = "ttyACM\(20 + cycle)"
            syspath = try testbed.addUSBTTY(node: node, devno: "166:\(20 + cycle)", vendor: "0c2e", product: "0b61",
                                            serial: "SCN1", properties: Self.properties)
            let plugged = ContinuousClock.now
            try testbed.send("uevent \(syspath) add")
            try await waitUntil("cycle \(cycle): the scanner is attached as /dev/\(node)", every: .milliseconds(5)) {
                try await Self.attached(counter.daemon, node: node)
            }
            let reattach = ContinuousClock.now - plugged
            worst = max(worst, reattach)
            #expect(reattach <= .seconds(1), "cycle \(cycle): re-attach took \(reattach)")
            try testbed.write(Array("880012345678\r".utf8), to: "/dev/\(node)")
            let answer = try await reply.reply()
            #expect(answer.status == 200, "cycle \(cycle): \(answer.body)")
            let barcode = (try? answer.json()["member"] as? [String: Any])?["barcode"] as? String
            #expect(barcode == "880012345678", "cycle \(cycle): the full scan, not the half before the unplug: \(answer.body)")
            // Sockets and pipes of requests just answered close a moment later (one or two either way);
            // device nodes must not grow at all, nor files but for the ledger and its WAL opened once more
            // by WALCheckpointer's own connection, which it opens at the first 1,000-page checkpoint.
            let targets = LongRun.descriptorTargets(of: counter.daemon.process.processIdentifier)
            let held = targets.filter { $0.hasPrefix("/") }
            if descriptors.isEmpty { firstHeld = held }
            descriptors.append(targets.count)
            let nodes = held.filter { $0.hasPrefix("/dev/") }
            #expect(nodes.count <= firstHeld.filter { $0.hasPrefix("/dev/") }.count, "cycle \(cycle): device nodes \(firstHeld) → \(held)")
            #expect(held.count <= firstHeld.count + 2, "cycle \(cycle): files \(firstHeld) → \(held)")
        }
        // Over the cycles, the total comes back to the first cycle's: nothing accumulates.
        #expect(descriptors.suffix(10).min() ?? 0 <= (descriptors.first ?? 0) + 2, "descriptors grew: \(descriptors)")
        let worstMilliseconds = Double(worst.components.attoseconds) / 1e15 + Double(worst.components.seconds) * 1000
        print("long run, replug cycles: \(cycles) cycles; worst re-attach \(String(format: "%.1f", worstMilliseconds)) ms; "
              + "daemon descriptors (without anon_inode) after the first cycle \(descriptors.first ?? -1), then \(descriptors.min() ?? -1)...\(descriptors.max() ?? -1), "
              + "last \(descriptors.last ?? -1); device nodes and files \(firstHeld.count) after the first cycle")
    }

    /// Whether `/v1/devices` shows the USB scanner attached on `/dev/node`.
    static func attached(_ daemon: DaemonHarness, node: String) async throws -> Bool {
        let devices = try await daemon.request("GET", "/v1/devices").json()["devices"] as? [[String: Any]] ?? []
        return devices.contains {
            $0["present"] as? Bool == true && $0["identity"] as? String == "usb:0c2e:0b61:SCN1" && $0["node"] as? String == "/dev/\(node)"
        }
    }
}
}
