import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Several clients, each a thread of its own, that submit `total` jobs over the daemon's unix socket (one
/// connection a request, as `curl --unix-socket` does) and remember every id that an answer 2xx gave them.
///
/// When the accepted count reaches `killAfter`, the client that got that answer calls `kill` (the test's kill -9
/// of the daemon) and every client then waits, on a condition and not a timer, until `resumeAfterRestart()`
/// says a new daemon serves: requests that were under way at the kill, and any sent until then, count as
/// unanswered.
final class ReliabilitySubmitters: @unchecked Sendable {
    /// What the clients saw.
    struct Outcome {
        /// Every id a 2xx answer gave, in the order the answers came.
        var accepted: [String]
        /// Requests with no answer (the daemon died under them) or a non-2xx one.
        var unanswered: Int
        /// Accepted answers before the kill.
        var acceptedBeforeKill: Int
        /// Answers that were neither 2xx nor a dropped connection, for the failure message.
        var otherAnswers: [String]
    }

    private let socket: String
    private let total: Int
    private let clients: Int
    private let body: (Int) -> String
    private let killAfter: Int
    private let kill: @Sendable () -> Void
    private let condition = NSCondition()
    private var next = 0
    private var accepted: [String] = []
    private var acceptedBeforeKill = 0
    private var unanswered = 0
    private var otherAnswers: [String] = []
    private var killed = false
    private var restarted = false
    private var running = 0
    private var onKilled: CheckedContinuation<Void, Never>?
    private var onFinished: CheckedContinuation<Void, Never>?

    init(
        socket: String, total: Int, clients: Int, killAfter: Int, body: @escaping (Int) -> String,
        kill: @escaping @Sendable () -> Void
    ) {
        self.socket = socket
        self.total = total
        self.clients = clients
        self.killAfter = killAfter
        self.body = body
        self.kill = kill
    }

    /// Starts the clients and returns once the daemon was killed (or every job was submitted without a kill).
    func submitUntilKilled() async {
        await withCheckedContinuation { continuation in
            condition.lock()
            onKilled = continuation
            running = clients
            condition.unlock()
            for _ in 0..<clients { Thread { self.client() }.start() }
        }
    }

    /// Lets the clients go on against the restarted daemon and returns once all `total` jobs were tried.
    func resumeAfterRestart() async -> Outcome {
        await withCheckedContinuation { continuation in
            condition.lock()
            restarted = true
            if running == 0 {
                condition.unlock()
                continuation.resume()
                return
            }
            onFinished = continuation
            condition.broadcast()
            condition.unlock()
        }
        return outcome()
    }

    private func outcome() -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        return Outcome(
            accepted: accepted, unanswered: unanswered, acceptedBeforeKill: acceptedBeforeKill,
            otherAnswers: otherAnswers)
    }

    private func client() {
        while let index = takeIndex() {
            let answer = try? UnixHTTP.request(socket, "POST", "/task", body: Array(body(index).utf8))
            let id = answer.flatMap { (200..<300).contains($0.status) ? $0.json["task_id"] as? String : nil }
            condition.lock()
            if let id {
                accepted.append(id)
                if !killed && accepted.count == killAfter {
                    kill()
                    killed = true
                    acceptedBeforeKill = accepted.count
                    resumeKilled()
                }
            } else {
                unanswered += 1
                if let answer { otherAnswers.append(answer.description) }
                // The daemon is gone (or going): wait for the test to restart it.
                while killed && !restarted { condition.wait() }
            }
            condition.unlock()
        }
        condition.lock()
        running -= 1
        if running == 0 {
            resumeKilled()
            onFinished?.resume()
            onFinished = nil
        }
        condition.unlock()
    }

    /// Called with the lock held.
    private func resumeKilled() {
        onKilled?.resume()
        onKilled = nil
    }

    private func takeIndex() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while killed && !restarted { condition.wait() }
        guard next < total else { return nil }
        next += 1
        return next - 1
    }
}
