import Logging
import Synchronization

/// Logs a failure of a repeated store write once per streak: the first failure after a success (or the start)
/// is logged, later ones are not until a write succeeds again, which is logged as the recovery.
final class FailureStreak: Sendable {
    private let failing = Mutex(false)
    private let what: String
    private let logger: Logger

    /// A streak of `what` (e.g. `record job progress`) failures, logged to `logger`.
    init(_ what: String, logger: Logger) {
        self.what = what
        self.logger = logger
    }

    /// Records a failed write; logs it when it starts a streak.
    func failed(_ message: String) {
        let first = failing.withLock { failing in
            defer { failing = true }
            return !failing
        }
        if first { logger.error("couldn't \(what): \(message) (further failures are not logged until one succeeds)") }
    }

    /// Records a successful write; logs the end of a streak.
    func succeeded() {
        let ended = failing.withLock { failing in
            defer { failing = false }
            return failing
        }
        if ended { logger.notice("can \(what) again") }
    }
}
