import CTendShims
import TendPlatform
import Testing

@testable import TendSupervisor

#if canImport(Glibc)
    import Glibc
#endif

/// A child that does not read its stdin must never block the supervisor, and what was accepted must
/// reach the child in order once it reads.
@Suite struct StdinWriterTests {
    /// A pipe with a non-blocking write end: (read, write).
    private func makePipe() throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        try #require(tend_pipe(&fds, 0, 1) == 0)
        return (fds[0], fds[1])
    }

    private func readAll(_ fd: Int32, count: Int) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while result.count < count {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    @Test func moreThanThePipeHoldsIsQueuedNotBlockedAndArrivesInOrder() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let writer = StdinWriter(fd: writeEnd)
        // 1 MiB is far more than a pipe holds (64 KiB): write must return at once with the rest queued.
        let first = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let second = Array("and then this\n".utf8)
        #expect(writer.write(first) == .accepted)
        #expect(writer.pendingCount > 0)
        #expect(writer.write(second) == .accepted)
        let received = readAll(readEnd, count: first.count + second.count)
        #expect(received == first + second)
        writer.close()
    }

    @Test func refusesBeyondItsLimitAndKeepsWhatItHas() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let writer = StdinWriter(fd: writeEnd, maxPending: 100_000)
        let fill = [UInt8](repeating: 65, count: 150_000)
        #expect(writer.write(fill) == .accepted)
        #expect(writer.write([UInt8](repeating: 66, count: 100_000)) == .full)
        let received = readAll(readEnd, count: fill.count)
        #expect(received == fill)
        writer.close()
    }

    @Test func aClosedPipeSaysClosed() throws {
        DaemonProcess.ignoreBrokenPipes()  // as the daemon does: EPIPE, not a signal
        let (readEnd, writeEnd) = try makePipe()
        close(readEnd)
        let writer = StdinWriter(fd: writeEnd)
        #expect(writer.write(Array("hello".utf8)) == .closed)
        #expect(writer.write(Array("again".utf8)) == .closed)
    }

    @Test func closeGivesTheReaderEndOfFile() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let writer = StdinWriter(fd: writeEnd)
        #expect(writer.write(Array("last words".utf8)) == .accepted)
        writer.close()
        #expect(readAll(readEnd, count: 1000) == Array("last words".utf8))
    }
}
