import Logging
import PostgresNIO
import Synchronization
import TendJobs

/// Inserts submissions, putting those that arrive while earlier inserts are in flight into one multi-row
/// `INSERT … SELECT FROM unnest(…)` (one round trip and one commit for the lot), with one `NOTIFY` per task.
///
/// At most `maximumInFlight` inserts run at once, each on its own pooled connection. A submission is reported
/// done only after its insert committed. When a shared insert fails, each of its submissions is retried alone,
/// so one bad submission does not fail the others. An insert that fails because its pooled connection was gone
/// (closed by a server restart) is tried again, at most once per pooled connection.
final class SubmitBatcher: Sendable {
    private struct Pending: Sendable {
        var submission: JobSubmission
        var continuation: CheckedContinuation<Result<Void, JobStoreError>, Never>
    }

    private struct State {
        var pending: [Pending] = []
        var inFlight = 0
        var closed = false
        var idle: [CheckedContinuation<Void, Never>] = []
    }

    private let client: PostgresClient
    private let origin: String
    private let maximumBatch: Int
    private let maximumInFlight = 4
    private let retries: Int
    private let logger: Logger
    private let state = Mutex(State())

    /// - Parameter retries: how often an insert is tried again on a lost connection (the pool's size).
    init(client: PostgresClient, origin: String, maximumBatch: Int, retries: Int, logger: Logger) {
        self.retries = retries
        self.client = client
        self.origin = origin
        self.maximumBatch = max(1, maximumBatch)
        self.logger = logger
    }

    /// Inserts `submission` as a queued job; returns once it is committed.
    func submit(_ submission: JobSubmission) async throws(JobStoreError) {
        let result = await withCheckedContinuation { continuation in
            let start = state.withLock { state -> [Pending]? in
                guard !state.closed else { return nil }
                state.pending.append(Pending(submission: submission, continuation: continuation))
                return takeBatch(&state)
            }
            guard let start else {
                continuation.resume(returning: .failure(JobStoreError("the job store is closed")))
                return
            }
            if !start.isEmpty { launch(start) }
        }
        try result.get()
    }

    /// Refuses new submissions and waits for those in flight.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                state.closed = true
                guard state.inFlight > 0 || !state.pending.isEmpty else { return true }
                state.idle.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// The next batch to insert, when a slot is free (counted as in flight), else empty.
    private func takeBatch(_ state: inout State) -> [Pending] {
        guard state.inFlight < maximumInFlight, !state.pending.isEmpty else { return [] }
        let count = min(maximumBatch, state.pending.count)
        let batch = Array(state.pending.prefix(count))
        state.pending.removeFirst(count)
        state.inFlight += 1
        return batch
    }

    private func launch(_ batch: [Pending]) {
        Task {
            var next = batch
            while !next.isEmpty {
                await insert(next)
                let (following, waiters) = state.withLock { state -> ([Pending], [CheckedContinuation<Void, Never>]) in
                    state.inFlight -= 1
                    let following = takeBatch(&state)
                    guard following.isEmpty, state.inFlight == 0, state.pending.isEmpty else { return (following, []) }
                    defer { state.idle.removeAll() }
                    return ([], state.idle)
                }
                for waiter in waiters { waiter.resume() }
                next = following
            }
        }
    }

    private func insert(_ batch: [Pending], attempt: Int = 1) async {
        do {
            try await insertRows(batch.map(\.submission))
            for pending in batch { pending.continuation.resume(returning: .success(())) }
        } catch {
            if attempt <= retries, PostgresErrorText.isLostConnection(error) {
                // A pooled connection the server had closed: the insert did not run; run it on another one.
                await insert(batch, attempt: attempt + 1)
                return
            }
            if attempt > 1, batch.count == 1, PostgresErrorText.isUniqueViolation(error) {
                // The first try committed before its connection was lost: the job is queued.
                batch[0].continuation.resume(returning: .success(()))
                return
            }
            guard batch.count > 1 else {
                let message = "couldn't queue the job: \(PostgresErrorText.describe(error))"
                batch[0].continuation.resume(returning: .failure(JobStoreError(message)))
                return
            }
            for pending in batch { await insert([pending], attempt: attempt) }
        }
    }

    private func insertRows(_ submissions: [JobSubmission]) async throws {
        let ids = submissions.map(\.id.rawValue)
        let tasks = submissions.map(\.task)
        let inputs = submissions.map { String(decoding: $0.input, as: UTF8.self) }
        let times = submissions.map(\.submittedAt.milliseconds)
        let prefix = StoreNotification.prefix(origin: origin, kind: "s")
        let rows = try await client.query(
            """
            WITH inserted AS (
                INSERT INTO tend_jobs (id, task, state, input, submitted_at)
                SELECT id, task, \(unescaped: JobLifecycle.sqlLiteral(JobLifecycle.initialState)), input, at
                FROM unnest(\(ids)::text[], \(tasks)::text[], \(inputs)::text[], \(times)::bigint[])
                    WITH ORDINALITY AS s(id, task, input, at, n)
                ORDER BY n
                RETURNING task
            )
            SELECT count(pg_notify('\(unescaped: StoreNotification.channel)', \(prefix) || task))
            FROM (SELECT DISTINCT task FROM inserted) AS t
            """, logger: logger)
        for try await _ in rows {}
    }
}
