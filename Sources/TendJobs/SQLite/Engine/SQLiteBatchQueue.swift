import NIOPosix
import Synchronization

/// Runs work on one SQLite connection, owned by one thread of its own, one transaction at a time, and puts all the
/// work that waits while a transaction commits into the next one (group commit): under load, one commit serves
/// many requests.
///
/// Work is only reported done after its transaction committed, so a caller that got an answer can rely on
/// its change being durable. A lone piece of single-statement work runs without an explicit transaction. Inside a
/// shared transaction each piece of work has a savepoint of its own: work that fails part-way leaves none of its
/// statements behind, whatever the others do. A connection left inside a transaction (a ROLLBACK that failed after
/// a failed COMMIT) is rolled back before anything else runs on it, and while that fails, every request fails with
/// the reason instead of being answered as if it had been committed.
///
/// The work itself is synchronous: a request costs one hand-over to the database's thread and one resumption of
/// its caller, whatever number of statements it runs. The thread sleeps on a condition while there is no work.
final class SQLiteBatchQueue: Sendable {
    /// One piece of work: `run` executes it and returns how to report it once the commit is known.
    private struct Work: Sendable {
        var needsTransaction: Bool
        /// Runs the work; `failed` when its own statements are to be undone.
        var run: @Sendable (SQLiteDatabase) -> (failed: Bool, report: @Sendable (JobStoreError?) -> Void)
        var fail: @Sendable (JobStoreError) -> Void
    }

    private struct State {
        var pending: [Work] = []
        var draining = false
        var closed = false
        var drained: CheckedContinuation<Void, Never>?
        /// A ROLLBACK failed: the connection may still be inside a transaction.
        var mayBeInTransaction = false
    }

    /// Touched only on `thread`'s one thread, by at most one drain at a time (`State.draining`).
    nonisolated(unsafe) private let database: SQLiteDatabase
    private let thread: NIOThreadPool
    private let maximumBatch: Int
    private let state = Mutex(State())

    /// Takes `database` over: from now on it is used on the queue's thread only.
    init(database: SQLiteDatabase, maximumBatch: Int) {
        self.database = database
        self.maximumBatch = max(1, maximumBatch)
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
    }

    /// Runs `body` inside a transaction (shared with other waiting work) and returns its value after the commit.
    /// - Parameters:
    ///   - what: names the operation in error messages.
    ///   - needsTransaction: `false` when `body` runs one statement (atomic on its own).
    @discardableResult
    func perform<T: Sendable>(
        _ what: String, needsTransaction: Bool = true,
        _ body: @escaping @Sendable (SQLiteDatabase) throws -> T
    ) async throws(JobStoreError) -> T {
        let result: Result<T, JobStoreError> = await withCheckedContinuation { continuation in
            let work = Work(
                needsTransaction: needsTransaction,
                run: { database in
                    let outcome: Result<T, JobStoreError>
                    do {
                        outcome = .success(try body(database))
                    } catch let error as JobStoreError {
                        outcome = .failure(error)
                    } catch {
                        outcome = .failure(JobStoreError(what, underlying: error))
                    }
                    let failed: Bool
                    if case .failure = outcome { failed = true } else { failed = false }
                    return (
                        failed,
                        { commitError in continuation.resume(returning: commitError.map { .failure($0) } ?? outcome) }
                    )
                },
                fail: { error in continuation.resume(returning: .failure(error)) })
            enqueue(work)
        }
        return try result.get()
    }

    /// Work waiting for the next transaction (for tests).
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Refuses new work, waits for the work already queued, closes the connection and ends the thread.
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
        thread.submit { _ in self.database.close() }
        try? await thread.shutdownGracefully()
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
        if startDrain { thread.submit { _ in self.drain() } }
    }

    /// Runs batches on the queue's thread until no work is left.
    private func drain() {
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
            execute(batch)
        }
    }

    private func execute(_ batch: [Work]) {
        if let stuck = recoverIfNeeded() {
            for work in batch { work.fail(stuck) }
            return
        }
        if batch.count == 1, !batch[0].needsTransaction {
            batch[0].run(database).report(nil)
            return
        }
        do {
            try database.execute("BEGIN IMMEDIATE")
        } catch {
            let failure = JobStoreError("couldn't begin a transaction", underlying: error)
            for work in batch { work.fail(failure) }
            return
        }
        var reports: [@Sendable (JobStoreError?) -> Void] = []
        reports.reserveCapacity(batch.count)
        for work in batch {
            do {
                try database.execute("SAVEPOINT work")
            } catch {
                work.fail(JobStoreError("couldn't set a savepoint", underlying: error))
                continue
            }
            let (failed, report) = work.run(database)
            if failed { try? database.execute("ROLLBACK TO work") }
            try? database.execute("RELEASE work")
            reports.append(report)
        }
        var commitError: JobStoreError?
        do {
            try database.execute("COMMIT")
        } catch {
            commitError = JobStoreError("couldn't commit", underlying: error)
            do {
                try database.execute("ROLLBACK")
            } catch {
                state.withLock { $0.mayBeInTransaction = true }
            }
        }
        for report in reports { report(commitError) }
    }

    /// After a failed ROLLBACK: rolls back what may still be open; `nil` once the connection is clean, else the
    /// error every request gets (nothing may run inside a transaction that will never commit).
    private func recoverIfNeeded() -> JobStoreError? {
        guard state.withLock({ $0.mayBeInTransaction }) else { return nil }
        if database.inTransaction {
            do {
                try database.execute("ROLLBACK")
            } catch {
                return JobStoreError(
                    "the job database is stuck in a transaction that could not be rolled back", underlying: error)
            }
        }
        state.withLock { $0.mayBeInTransaction = false }
        return nil
    }
}
