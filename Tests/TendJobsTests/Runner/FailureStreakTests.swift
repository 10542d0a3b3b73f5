import Logging
import Synchronization
import Testing

@testable import TendJobs

/// A repeated write that fails is logged once per streak, and its recovery once.
@Suite struct FailureStreakTests {
    /// Keeps every message logged through it.
    struct Recorder: LogHandler {
        let messages: Messages
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            messages.lines.withLock { $0.append("\(event.level): \(event.message)") }
        }
    }

    final class Messages: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func aStreakIsLoggedOnceAndItsEndOnce() {
        let messages = Messages()
        let streak = FailureStreak(
            "record progress", logger: Logger(label: "test") { _ in Recorder(messages: messages) })
        streak.succeeded()
        streak.failed("disk full")
        streak.failed("disk full")
        streak.failed("disk full")
        streak.succeeded()
        streak.succeeded()
        streak.failed("gone")
        #expect(
            messages.lines.withLock { $0 } == [
                "error: couldn't record progress: disk full (further failures are not logged until one succeeds)",
                "notice: can record progress again",
                "error: couldn't record progress: gone (further failures are not logged until one succeeds)",
            ])
    }
}
