#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import DeviceIO

/// The evdev side of a keyboard scanner on a real descriptor (a pipe standing in for the node,
/// since this machine has no /dev/uinput): the grab is taken on open and let go before close, a
/// node another program holds is refused, and ENODEV ends the scans as an unplug.
@Suite struct KeyboardPortTests {
    /// A pipe whose read end `open` returns, with every EVIOCGRAB call recorded as (fd, value).
    final class FakeNode: Sendable {
        let readEnd: Int32
        let writeEnd: Int32
        let grabs = Mutex<[(fd: Int32, value: Int32)]>([])
        let grabAnswer: Int32

        init(grabAnswer: Int32 = 0) throws {
            var ends: [Int32] = [-1, -1]
            try #require(pipe(&ends) == 0)
            readEnd = ends[0]
            writeEnd = ends[1]
            self.grabAnswer = grabAnswer
        }

        func syscalls(readError: ForcedErrors = ForcedErrors([])) -> Syscalls {
            var syscalls = Syscalls.live
            syscalls.open = { [readEnd] _, _ in
                _ = fcntl(readEnd, F_SETFL, O_NONBLOCK)
                return readEnd
            }
            syscalls.grabInput = { [self] fd, value in
                grabs.withLock { $0.append((fd, value)) }
                guard grabAnswer == 0 else {
                    errno = grabAnswer
                    return -1
                }
                return 0
            }
            syscalls.read = { fd, buffer, count in
                if let forced = readError.take() {
                    errno = forced
                    return -1
                }
                return Glibc.read(fd, buffer, count)
            }
            return syscalls
        }

        func send(_ events: [InputEvent]) {
            let bytes = events.flatMap(InputEventReader.encode)
            _ = bytes.withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress, $0.count) }
        }

        deinit { Glibc.close(writeEnd) }
    }

    @Test func grabbedOnOpenReleasedBeforeCloseAndScansDecoded() async throws {
        let node = try FakeNode()
        let port = try KeyboardPort.open(path: "/dev/input/event3", syscalls: node.syscalls())
        #expect(node.grabs.withLock { $0.map(\.value) } == [1])
        let scans = Inbox<ScannerEvent>()
        scans.collect(ScannerConnection(keyboard: port, debounceWindow: .zero))
        node.send(try #require(KeyboardTyping.events(typing: "A-1")))
        #expect(try await scans.next() == .scanned(Barcode(value: "A-1")))
        port.close()
        try await scans.waitUntilFinished()
        let grabs = node.grabs.withLock { $0 }
        #expect(grabs.map(\.value) == [1, 0], "the grab is let go on stop")
        #expect(grabs.allSatisfy { $0.fd == node.readEnd })
    }

    @Test func aNodeAnotherProgramGrabbedIsRefusedAndClosed() throws {
        let node = try FakeNode(grabAnswer: EBUSY)
        #expect {
            try KeyboardPort.open(path: "/dev/input/event3", syscalls: node.syscalls())
        } throws: { error in
            guard let error = error as? DeviceIOError else { return false }
            return error.code == .openFailed && error.errno == .busy && error.message.contains("grabbed")
        }
        #expect(fcntl(node.readEnd, F_GETFD) == -1, "the refused node's descriptor is closed")
    }

    @Test func enodevIsAnUnplug() async throws {
        let node = try FakeNode()
        let port = try KeyboardPort.open(path: "/dev/input/event3", syscalls: node.syscalls(readError: ForcedErrors([ENODEV])))
        let outcome = Task { () -> DeviceIOError? in
            do {
                for try await _ in ScannerConnection(keyboard: port) {}
                return nil
            } catch {
                return error as? DeviceIOError
            }
        }
        node.send(try #require(KeyboardTyping.events(typing: "1")))
        #expect(await outcome.value?.code == .disconnected)
        #expect(port.isClosed)
    }
}
