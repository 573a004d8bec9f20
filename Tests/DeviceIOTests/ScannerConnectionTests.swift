import Testing
@testable import DeviceIO

/// Scans over a real pty, from the virtual scanner to the daemon's decoder.
@Suite struct ScannerConnectionTests {
    @Test func scansArriveDecodedWhateverTheWrites() async throws {
        let scanner = try VirtualScanner(terminator: .crlf, symbology: "E0")
        defer { scanner.close() }
        let port = try SerialPort.open(path: scanner.devicePath, settings: SerialSettings(baud: 9600))
        let events = Inbox<ScannerEvent>()
        events.collect(ScannerConnection(port: port, debounceWindow: .milliseconds(700)))
        try scanner.scan("8801234567893")
        #expect(try await events.next() == .scanned(Barcode(value: "8801234567893", symbology: "E0")))
        try scanner.send(Array("4006381".utf8))
        try await Task.sleep(for: .milliseconds(20))
        try scanner.send(Array("333931\r".utf8))
        try await Task.sleep(for: .milliseconds(20))
        try scanner.send(Array("\n".utf8) + [0xFF, 0xFE, 0x0D] + Array("A-1\rB-2\n".utf8))
        #expect(try await events.next() == .scanned(Barcode(value: "4006381333931")))
        #expect(try await events.next() == .rejected(.nonASCII(0xFF)))
        #expect(try await events.next() == .scanned(Barcode(value: "A-1")))
        #expect(try await events.next() == .scanned(Barcode(value: "B-2")))
    }

    @Test func doubleScanWithinTheWindowIsOneScan() async throws {
        let scanner = try VirtualScanner()
        defer { scanner.close() }
        let port = try SerialPort.open(path: scanner.devicePath, settings: SerialSettings(baud: 9600))
        let events = Inbox<ScannerEvent>()
        events.collect(ScannerConnection(port: port, debounceWindow: .seconds(30)))
        try scanner.scan("123")
        try scanner.scan("123")
        try scanner.scan("456")
        #expect(try await events.next() == .scanned(Barcode(value: "123")))
        #expect(try await events.next() == .scanned(Barcode(value: "456")))
    }

    @Test func unpluggedScannerEndsWithDisconnected() async throws {
        let scanner = try VirtualScanner()
        let port = try SerialPort.open(path: scanner.devicePath, settings: SerialSettings(baud: 9600))
        let ended = Task { () -> DeviceIOError? in
            do {
                for try await _ in ScannerConnection(port: port) {}
                return nil
            } catch {
                return error as? DeviceIOError
            }
        }
        try scanner.scan("partial")
        scanner.close()
        #expect(await ended.value?.code == .disconnected)
    }
}
