#if canImport(Glibc)
import Glibc
#endif
import Foundation
import DeviceIO

/// The Swift side of Tests/DeviceTestbed/testbed.py: sends it commands and reads its replies over
/// the two descriptors it passed down. Only exists inside that driver. Shared by the device tests
/// and the daemon's tests (a daemon started inside the testbed inherits it).
public final class Testbed: @unchecked Sendable {
    private let commands: Int32
    private let replies: FileHandle
    private let lock = NSLock()

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Present only in the child that testbed.py started.
    public static let connection: Testbed? = {
        let environment = ProcessInfo.processInfo.environment
        guard let commands = environment["POSAGENT_UMOCKDEV_COMMANDS"].flatMap(Int32.init),
              let replies = environment["POSAGENT_UMOCKDEV_REPLIES"].flatMap(Int32.init) else { return nil }
        return Testbed(commands: commands, replies: FileHandle(fileDescriptor: replies, closeOnDealloc: false))
    }()

    private init(commands: Int32, replies: FileHandle) {
        self.commands = commands
        self.replies = replies
    }

    /// Sends one command and returns what follows "ok ".
    @discardableResult
    public func send(_ command: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let line = Array((command + "\n").utf8)
        guard line.withUnsafeBytes({ Glibc.write(commands, $0.baseAddress, $0.count) }) == line.count else {
            throw Failure(description: "cannot reach the testbed driver")
        }
        var reply: [UInt8] = []
        while true {
            let byte = replies.readData(ofLength: 1)
            guard let first = byte.first else { throw Failure(description: "the testbed driver went away") }
            if first == 0x0A { break }
            reply.append(first)
        }
        let text = String(decoding: reply, as: UTF8.self)
        guard text.hasPrefix("ok") else { throw Failure(description: "testbed: \(command) → \(text)") }
        return String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces)
    }

    /// Adds a USB CDC-ACM tty and returns its syspath.
    public func addUSBTTY(node: String, devno: String, vendor: String, product: String, serial: String, properties: [String: String] = [:]) throws -> String {
        let pairs = properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return try send("add \(node) \(devno) \(vendor) \(product) \(serial) \(pairs)")
    }

    public func write(_ bytes: [UInt8], to devnode: String) throws {
        try send("write \(devnode) \(bytes.map { String(format: "%02x", $0) }.joined())")
    }

    /// Bytes the daemon sent to the device (waits up to 5 s for the first).
    public func read(from devnode: String) throws -> [UInt8] {
        let hex = Array(try send("read \(devnode)").utf8)
        return stride(from: 0, to: hex.count - 1, by: 2).compactMap { UInt8(String(decoding: hex[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }

    /// Adds a USB HID keyboard (a scanner in keyboard mode) and returns its eventN's syspath;
    /// `properties` are the udev properties of its inputN parent.
    public func addUSBKeyboard(node: String, devno: String, vendor: String, product: String, serial: String, properties: [String: String] = [:]) throws -> String {
        let pairs = properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return try send("addkbd \(node) \(devno) \(vendor) \(product) \(serial) \(pairs)")
    }

    /// Has umockdev replay the events, with their timestamps, to whoever opens the node next.
    public func replay(_ events: [InputEvent], to devnode: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-\(UUID().uuidString).events")
        try Self.evemu(events).write(to: file, atomically: true, encoding: .utf8)
        try send("evemu \(devnode) \(file.path)")
    }

    /// evemu's text format: "E: SECONDS.MICROSECONDS TYPE CODE VALUE", type and code in hex, and
    /// an EV_SYN report after each key event, as the kernel sends.
    public static func evemu(_ events: [InputEvent]) -> String {
        events.map { event in
            let (seconds, attoseconds) = event.time.components
            let time = "\(seconds).\(String(format: "%06lld", attoseconds / 1_000_000_000_000))"
            return "E: \(time) \(String(format: "%04x %04x", event.type, event.code)) \(event.value)\nE: \(time) 0000 0000 0\n"
        }.joined()
    }

    /// Runs `suite` of the test binary this process is (its first argument `testingLibraryArguments`)
    /// again, under `umockdev-wrapper /usr/bin/python3 testbed.py`, so the suite gets a testbed of its
    /// own; returns the child's exit status and everything it printed. Waits on a Dispatch thread,
    /// not on the cooperative pool, which the suites running beside it need.
    public static func runUnderUmockdev(suite: String) async throws -> (status: Int32, transcript: String) {
        let wrapper = "/usr/bin/umockdev-wrapper"
        let python = "/usr/bin/python3"
        for tool in [wrapper, python] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Failure(description: "\(tool) is missing; run scripts/setup.sh (it installs umockdev, gir1.2-umockdev-1.0 and python3-gi)")
        }
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("testbed.py").path
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { () throws -> (Int32, String) in
                    let child = Process()
                    child.executableURL = URL(fileURLWithPath: wrapper)
                    child.arguments = [python, driver, testBinary, "--testing-library", "swift-testing", "--filter", suite]
                    let output = Pipe()
                    child.standardOutput = output
                    child.standardError = output
                    try child.run()
                    let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    child.waitUntilExit()
                    return (child.terminationStatus, transcript)
                })
            }
        }
    }
}
