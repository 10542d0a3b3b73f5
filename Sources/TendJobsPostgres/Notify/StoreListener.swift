import Logging
import PostgresNIO
import Synchronization
import TendAPI
import TendJobs

/// Keeps one pooled connection on `LISTEN tend_jobs` and publishes the other stores' notifications as events.
///
/// When the connection drops it listens again (after 0.5 s, doubling up to 10 s while it keeps failing) and then
/// announces what it may have missed, read from the tables: a `submitted` for every task with queued jobs, a
/// `terminationRequested` for every running job flagged for termination, and a `finished` for every job that
/// ended since the drop. Subscribers therefore never wait for a change that happened while it was deaf.
///
/// A connection that dies silently (a machine or a network path gone, no TCP reset) would leave the store deaf
/// without an error, so `check(within:)`, called on every heartbeat, runs `SELECT 1` on the listening connection;
/// when no answer comes in time the connection is closed and listening starts again.
final class StoreListener: Sendable {
    /// The listening connection ended without an error; listen again.
    private struct ListenEnded: Error {}
    private let client: PostgresClient
    private let origin: String
    private let events: JobStoreEventHub
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let pings = Mutex<AsyncStream<Duration>.Continuation?>(nil)

    init(client: PostgresClient, origin: String, events: JobStoreEventHub, logger: Logger) {
        self.client = client
        self.origin = origin
        self.events = events
        self.logger = logger
    }

    /// Starts listening; returns once `LISTEN` is in effect, so no later change is missed.
    /// - Throws: `JobStoreError` when the first `LISTEN` fails (then nothing keeps running).
    func start() async throws(JobStoreError) {
        let started: Result<Void, JobStoreError> = await withCheckedContinuation { continuation in
            let listening = Task { await self.listen(whenListening: continuation) }
            task.withLock { $0 = listening }
        }
        try started.get()
    }

    /// Stops listening and waits until the connection is handed back.
    func stop() async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    private func listen(whenListening ready: CheckedContinuation<Result<Void, JobStoreError>, Never>) async {
        var ready: CheckedContinuation<Result<Void, JobStoreError>, Never>? = ready
        var deafSince: JobTimestamp?
        var delay = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: StoreNotification.channel) { notifications in
                        if let waiting = ready {
                            ready = nil
                            waiting.resume(returning: .success(()))
                        }
                        if let since = deafSince {
                            deafSince = nil
                            await catchUp(since: since)
                        }
                        delay = .milliseconds(500)
                        let (checks, continuation) = AsyncStream.makeStream(
                            of: Duration.self, bufferingPolicy: .bufferingNewest(1))
                        pings.withLock { $0 = continuation }
                        defer { continuation.finish() }
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for try await notification in notifications { self.receive(notification.payload) }
                                throw ListenEnded()
                            }
                            group.addTask {
                                for await limit in checks { try await self.ping(connection, within: limit) }
                            }
                            try await group.next()
                            group.cancelAll()
                        }
                    }
                }
            } catch {
                if let waiting = ready {
                    waiting.resume(
                        returning: .failure(
                            JobStoreError("couldn't listen for changes: \(PostgresErrorText.describe(error))")))
                    return
                }
                if Task.isCancelled { return }
                logger.warning(
                    "the job store stopped hearing other nodes, listening again: \(PostgresErrorText.describe(error))")
            }
            if deafSince == nil { deafSince = .now }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(10))
        }
        if let waiting = ready { waiting.resume(returning: .failure(JobStoreError("the job store is closing"))) }
    }

    /// Asks the listening connection to prove it is alive within `limit` (else it is closed and replaced).
    func check(within limit: Duration) {
        _ = pings.withLock { $0?.yield(limit) }
    }

    private func ping(_ connection: PostgresConnection, within limit: Duration) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await connection.query("SELECT 1", logger: self.logger)
                return true
            }
            group.addTask {
                do {
                    try await Task.sleep(for: limit)
                    return false
                } catch {
                    return true
                }
            }
            let answered = try await group.next() ?? true
            if !answered {
                logger.warning("the job store's listening connection did not answer within \(limit); reconnecting")
                // Closing fails the pending query, which ends the listening session.
                try? await connection.close()
            }
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    private func receive(_ payload: String) {
        guard let (sender, event) = StoreNotification.decode(payload) else {
            logger.debug("ignoring an unknown job store notification: \(payload)")
            return
        }
        guard sender != origin else { return }
        events.publish(event)
    }

    /// Announces what may have changed while no connection listened (see the type's documentation).
    private func catchUp(since: JobTimestamp) async {
        // Clocks of machines differ: look back a little further than the drop.
        let from = since.adding(seconds: -60).milliseconds
        do {
            var caughtUp: [JobStoreEvent] = []
            for try await (task) in try await client.query(
                "SELECT DISTINCT task FROM tend_jobs WHERE \(unescaped: JobLifecycle.sqlGuard(of: .claim))",
                logger: logger
            ).decode(String.self) {
                caughtUp.append(.submitted(task: task))
            }
            for try await (id, node) in try await client.query(
                """
                SELECT id, node FROM tend_jobs
                WHERE \(unescaped: JobLifecycle.sqlCondition([.running])) AND terminate_requested
                """, logger: logger
            ).decode((String, String?).self) {
                caughtUp.append(.terminationRequested(JobID(id), node: node ?? ""))
            }
            for try await (id, expiresAt) in try await client.query(
                "SELECT id, expires_at FROM tend_jobs WHERE finished_at >= \(from) AND expires_at IS NOT NULL",
                logger: logger
            ).decode((String, Int64).self) {
                caughtUp.append(.finished(JobID(id), expiresAt: JobTimestamp(milliseconds: expiresAt)))
            }
            for event in caughtUp { events.publish(event) }
        } catch {
            logger.warning("couldn't catch up on missed job store changes: \(PostgresErrorText.describe(error))")
        }
    }
}
