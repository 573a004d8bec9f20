#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import DeviceIO

@Suite struct SerialPortTests {
    @Test(arguments: [9600, 115200])
    func opensRaw8N1AtTheConfiguredBaud(_ baud: Int) throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: baud))
        defer { port.close() }
        let fd = open(terminal.devicePath, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        defer { close(fd) }
        var attributes = termios()
        #expect(tcgetattr(fd, &attributes) == 0)
        let expected: speed_t = baud == 9600 ? speed_t(B9600) : speed_t(B115200)
        #expect(cfgetospeed(&attributes) == expected)
        #expect(attributes.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(attributes.c_cflag & (tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS)) == 0)
        #expect(attributes.c_lflag & (tcflag_t(ICANON) | tcflag_t(ECHO)) == 0)
        #expect(attributes.c_iflag & tcflag_t(ICRNL) == 0)
    }

    @Test func portIsTakenExclusively() throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 9600))
        defer { port.close() }
        #expect(port.isExclusive)
        let fd = open(terminal.devicePath, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        defer { if fd >= 0 { close(fd) } }
        // Root may still open an exclusive tty, so ask the kernel for the flag instead.
        var exclusive: Int32 = 0
        if fd >= 0 { #expect(ioctl(fd, tiocgexcl, &exclusive) == 0) }
        #expect(fd < 0 || exclusive == 1)
    }

    @Test func unsupportedBaudAndMissingPathAreTypedErrors() throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        #expect { try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 12345)) } throws: {
            ($0 as? DeviceIOError)?.code == .configureFailed
        }
        #expect { try SerialPort.open(path: "/dev/posagent-no-such-tty", settings: SerialSettings(baud: 9600)) } throws: {
            ($0 as? DeviceIOError)?.errno == .noSuchFile
        }
    }

    @Test func bytesFlowBothWays() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 115200))
        let received = Inbox<[UInt8]>()
        received.collect(port.bytes())
        try terminal.controller.write([1, 2, 3, 0x0D, 0x0A])
        var got: [UInt8] = []
        while got.count < 5 { got += try await received.next() }
        #expect(got == [1, 2, 3, 0x0D, 0x0A])
        port.close()
        try await received.waitUntilFinished()
        #expect(port.isClosed)
        #expect(throws: DeviceIOError.self) { try port.write([1]) }
    }

    @Test func unplugEndsTheReadWithDisconnected() async throws {
        let terminal = try PseudoTerminal.open()
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 9600))
        let outcome = Task { () -> DeviceIOError? in
            do {
                for try await _ in port.bytes() {}
                return nil
            } catch {
                return error as? DeviceIOError
            }
        }
        terminal.close()
        #expect(await outcome.value?.code == .disconnected)
        #expect(port.isClosed)
    }

    @Test func interruptedAndWouldBlockReadsAreRetriedAndEIOIsRemoval() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let script = ForcedErrors([EINTR, EAGAIN, EINTR])
        let closes = Mutex<[Int32]>([])
        var syscalls = Syscalls.live
        syscalls.read = { fd, buffer, count in
            if let forced = script.take() {
                errno = forced
                return -1
            }
            return Glibc.read(fd, buffer, count)
        }
        syscalls.close = { fd in
            closes.withLock { $0.append(fd) }
            return Glibc.close(fd)
        }
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 9600), syscalls: syscalls)
        let received = Inbox<[UInt8]>()
        received.collect(port.bytes())
        try terminal.controller.write(Array("ok".utf8))
        var got: [UInt8] = []
        while got.count < 2 { got += try await received.next() }
        #expect(got == Array("ok".utf8))

        script.append(EIO)
        try terminal.controller.write([0x21])
        try await received.waitUntilFinished()
        #expect(port.isClosed)
        port.close()
        // The tty and the two ends of the wake pipe, each closed once.
        let closed = closes.withLock { $0 }
        #expect(closed.count == 3)
        #expect(Set(closed).count == 3)
    }

    @Test func writesRetryInterruptsAndFullBuffersAndReportRemoval() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let script = ForcedErrors([EINTR, EAGAIN])
        var syscalls = Syscalls.live
        syscalls.write = { fd, buffer, count in
            if let forced = script.take() {
                errno = forced
                return -1
            }
            // One byte at a time, as a slow UART driver may accept it.
            return Glibc.write(fd, buffer, min(count, 1))
        }
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 9600), syscalls: syscalls)
        defer { port.close() }
        let received = Inbox<[UInt8]>()
        received.collect(terminal.controller.bytes())
        try port.write(Array("hello".utf8))
        var got: [UInt8] = []
        while got.count < 5 { got += try await received.next() }
        #expect(got == Array("hello".utf8))

        script.append(EIO)
        #expect { try port.write([0x21]) } throws: { ($0 as? DeviceIOError)?.code == .disconnected }
    }

    @Test func closingWhileReadingFinishesCleanlyAndClosesOnce() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let closes = Mutex<Int>(0)
        var syscalls = Syscalls.live
        syscalls.close = { fd in
            closes.withLock { $0 += 1 }
            return Glibc.close(fd)
        }
        let port = try SerialPort.open(path: terminal.devicePath, settings: SerialSettings(baud: 9600), syscalls: syscalls)
        let reader = Task { () -> Bool in
            do {
                for try await _ in port.bytes() {}
                return true
            } catch {
                return false
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        port.close()
        port.close()
        #expect(await reader.value, "a clean close ends the stream without an error")
        #expect(closes.withLock { $0 } == 3)
    }
}

/// errno values a mocked read returns before it reads for real.
final class ForcedErrors: Sendable {
    private let queue: Mutex<[Int32]>
    init(_ values: [Int32]) { queue = Mutex(values) }
    func take() -> Int32? { queue.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
    func append(_ value: Int32) { queue.withLock { $0.append(value) } }
}

/// TIOCGEXCL, _IOR('T', 0x40, int); Glibc's headers do not export it to Swift.
let tiocgexcl: UInt = 0x8004_5440
