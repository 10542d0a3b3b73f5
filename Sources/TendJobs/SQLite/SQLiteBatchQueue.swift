import SQLiteNIO
import Synchronization

/// Runs work on one SQLite connection one transaction at a time, and puts all the work that waits while a
/// transaction commits into the next one (group commit): under load, one commit serves many requests.
///
/// Work is only reported done after its transaction committed, so a caller that got an answer can rely on
/// its change being durable. A lone piece of single-statement work runs without an explicit transaction.
final class SQLiteBatchQueue: Sendable {
    /// One piece of work: `run` executes it and returns how to report it once the commit is known.
    private struct Work: Sendable {
        var needsTransaction: Bool
        var run: @Sendable (SQLiteConnection) async -> @Sendable (JobStoreError?) -> Void
        var fail: @Sendable (JobStoreError) -> Void
    }

    private struct State {
        var pending: [Work] = []
        var draining = false
        var closed = false
        var drained: CheckedContinuation<Void, Never>?
    }

    private let connection: SQLiteConnection
    private let maximumBatch: Int
    private let state = Mutex(State())

    init(connection: SQLiteConnection, maximumBatch: Int) {
        self.connection = connection
        self.maximumBatch = max(1, maximumBatch)
    }

    /// Runs `body` inside a transaction (shared with other waiting work) and returns its value after the commit.
    /// - Parameters:
    ///   - what: names the operation in error messages.
    ///   - needsTransaction: `false` when `body` runs one statement (atomic on its own).
    @discardableResult
    func perform<T: Sendable>(
        _ what: String, needsTransaction: Bool = true,
        _ body: @escaping @Sendable (SQLiteConnection) async throws -> T
    ) async throws(JobStoreError) -> T {
        let result: Result<T, JobStoreError> = await withCheckedContinuation { continuation in
            let work = Work(
                needsTransaction: needsTransaction,
                run: { connection in
                    let outcome: Result<T, JobStoreError>
                    do {
                        outcome = .success(try await body(connection))
                    } catch {
                        outcome = .failure(JobStoreError(what, underlying: error))
                    }
                    return { commitError in continuation.resume(returning: commitError.map { .failure($0) } ?? outcome) }
                },
                fail: { error in continuation.resume(returning: .failure(error)) })
            enqueue(work)
        }
        return try result.get()
    }

    /// Refuses new work, waits for the work already queued, and closes the connection.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                state.closed = true
                guard state.draining else { return true }
                state.drained = continuation
                return false
            }
            if idle { continuation.resume() }
        }
        try? await connection.close()
    }

    private func enqueue(_ work: Work) {
        let (accepted, startDrain) = state.withLock { state -> (Bool, Bool) in
            guard !state.closed else { return (false, false) }
            state.pending.append(work)
            guard !state.draining else { return (true, false) }
            state.draining = true
            return (true, true)
        }
        if !accepted { work.fail(JobStoreError("the job store is closed")) }
        if startDrain { Task { await self.drain() } }
    }

    private func drain() async {
        while true {
            let (batch, finished) = state.withLock { state -> ([Work], CheckedContinuation<Void, Never>?) in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    defer { state.drained = nil }
                    return ([], state.drained)
                }
                let count = min(maximumBatch, state.pending.count)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return (batch, nil)
            }
            if batch.isEmpty {
                finished?.resume()
                return
            }
            await execute(batch)
        }
    }

    private func execute(_ batch: [Work]) async {
        if batch.count == 1, !batch[0].needsTransaction {
            await batch[0].run(connection)(nil)
            return
        }
        do {
            try await connection.execute("BEGIN IMMEDIATE")
        } catch {
            let failure = JobStoreError("couldn't begin a transaction", underlying: error)
            for work in batch { work.fail(failure) }
            return
        }
        var reports: [@Sendable (JobStoreError?) -> Void] = []
        reports.reserveCapacity(batch.count)
        for work in batch { reports.append(await work.run(connection)) }
        var commitError: JobStoreError?
        do {
            try await connection.execute("COMMIT")
        } catch {
            commitError = JobStoreError("couldn't commit", underlying: error)
            try? await connection.execute("ROLLBACK")
        }
        for report in reports { report(commitError) }
    }
}
