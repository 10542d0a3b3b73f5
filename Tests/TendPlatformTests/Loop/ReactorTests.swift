import Synchronization
import Testing

@testable import TendPlatform

/// The reactor as its users rely on it: work runs in order on its thread, timers fire once at their time (and not
/// after removal), and a watched descriptor's handler runs when it becomes readable.
@Suite(.timeLimit(.minutes(1)))
struct ReactorTests {
    /// Waits for `count` values from `stream`.
    private func collect<T: Sendable>(_ count: Int, from stream: AsyncStream<T>) async -> [T] {
        var values: [T] = []
        for await value in stream {
            values.append(value)
            if values.count == count { break }
        }
        return values
    }

    @Test func executedWorkRunsInSubmissionOrder() async {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        for index in 0..<100 {
            Reactor.shared.execute { continuation.yield(index) }
        }
        #expect(await collect(100, from: stream) == Array(0..<100))
    }

    @Test func timersFireInDeadlineOrderAndARemovedTimerNeverFires() async {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        Reactor.shared.execute {
            let reactor = Reactor.shared
            _ = reactor.schedule(after: 0.06) { continuation.yield("late") }
            let removed = reactor.schedule(after: 0.03) { continuation.yield("removed") }
            _ = reactor.schedule(after: 0.01) { continuation.yield("early") }
            reactor.remove(removed)
            _ = reactor.schedule(after: 0.1) { continuation.yield("last") }
        }
        #expect(await collect(3, from: stream) == ["early", "late", "last"])
    }

    @Test func aWatchedPipeIsReportedReadableAndOnceReadableFiresOnce() async throws {
        let pipe = try PipePair(nonblockingRead: true)
        defer { pipe.close() }
        let (stream, continuation) = AsyncStream<String>.makeStream()
        Reactor.shared.onceReadable(pipe.read) { continuation.yield("readable") }
        let message: [UInt8] = Array("x".utf8)
        _ = message.withUnsafeBytes { Descriptor.write(pipe.write, from: $0) }
        #expect(await collect(1, from: stream) == ["readable"])
        // The watch is gone: more data does not call the handler again; the next work item runs instead.
        _ = message.withUnsafeBytes { Descriptor.write(pipe.write, from: $0) }
        Reactor.shared.execute { continuation.yield("next") }
        #expect(await collect(1, from: stream) == ["next"])
    }
}
