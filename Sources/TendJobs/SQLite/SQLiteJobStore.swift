import TendAPI
import TendPlatform

/// The embedded job store: one SQLite database in WAL mode, owned by one daemon (a lock file beside it).
///
/// Every change is committed before its method returns; changes that arrive together share one commit. With
/// `synchronous = .normal` (the default) a commit is in the WAL before the call returns, so it survives a crash
/// of the daemon (`kill -9`); `.full` also makes it survive a crash of the machine, at the cost of an fsync per
/// commit.
public final class SQLiteJobStore: JobStore {
    /// SQLite's `synchronous` setting.
    public enum Synchronous: String, Sendable, Hashable {
        /// Commits survive the daemon's crash; the last ones may be lost if the machine itself goes down.
        case normal = "NORMAL"
        /// Commits are fsynced: they survive the machine going down.
        case full = "FULL"
    }

    /// How the store is opened.
    public struct Options: Sendable, Hashable {
        /// Durability of commits. Default `.normal`.
        public var synchronous: Synchronous
        /// At most this many operations share one transaction. Default 512.
        public var maximumBatch: Int

        public init(synchronous: Synchronous = .normal, maximumBatch: Int = 512) {
            self.synchronous = synchronous
            self.maximumBatch = maximumBatch
        }
    }

    /// The database file.
    public let path: String
    private let queue: SQLiteBatchQueue
    private let lock: FileLock
    private let events = JobStoreEventHub()

    private init(path: String, queue: SQLiteBatchQueue, lock: FileLock) {
        self.path = path
        self.queue = queue
        self.lock = lock
    }

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    /// - Throws: `JobStoreError` when another daemon holds the database, the file cannot be opened, or its
    ///   schema is newer than this code.
    public static func open(path: String, options: Options = Options()) async throws(JobStoreError) -> SQLiteJobStore {
        let lock: FileLock
        do {
            lock = try FileLock(path: path + ".lock")
        } catch {
            if error.isHeldElsewhere {
                throw JobStoreError("the job database is in use by another process (lock \(path).lock)")
            }
            throw JobStoreError(error.message)
        }
        let database: SQLiteDatabase
        do {
            database = try SQLiteDatabase(path: path)
        } catch {
            lock.release()
            throw JobStoreError("couldn't open the job database \(path)", underlying: error)
        }
        do {
            try prepare(database, synchronous: options.synchronous)
        } catch {
            database.close()
            lock.release()
            throw error
        }
        let queue = SQLiteBatchQueue(database: database, maximumBatch: options.maximumBatch)
        return SQLiteJobStore(path: path, queue: queue, lock: lock)
    }

    /// The connection's `synchronous` setting as SQLite reports it (`PRAGMA synchronous`: 1 NORMAL, 2 FULL).
    public func synchronousSetting() async throws(JobStoreError) -> Int {
        let rows = try await queue.perform("couldn't read PRAGMA synchronous", needsTransaction: false) { database in
            try database.query("PRAGMA synchronous")
        }
        return rows.first?.column("synchronous")?.integer.map { Int($0) } ?? -1
    }

    /// Finishes the queued work, closes the database and releases its lock; subscriptions end.
    public func close() async {
        await queue.close()
        lock.release()
        events.finish()
    }

    public func subscribe() -> AsyncStream<JobStoreEvent> { events.subscribe() }

    public func submit(_ submission: JobSubmission) async throws(JobStoreError) -> Job {
        let job = Job(
            id: submission.id, task: submission.task, input: submission.input, submittedAt: submission.submittedAt)
        try await queue.perform("couldn't queue the job", needsTransaction: false) { database in
            try database.execute(
                """
                INSERT INTO jobs (id, task, state, input, submitted_at)
                VALUES (?, ?, \(JobLifecycle.sqlLiteral(JobLifecycle.initialState)), ?, ?)
                """,
                [.text(job.id.rawValue), .text(job.task), Self.text(job.input), Self.integer(job.submittedAt)])
        }
        events.publish(.submitted(task: job.task))
        return job
    }

    public func claim(slots: [String: Int], node: String, now: JobTimestamp) async throws(JobStoreError) -> [Job] {
        let wanted = slots.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        guard !wanted.isEmpty else { return [] }
        let rows = try await queue.perform("couldn't claim jobs", needsTransaction: wanted.count > 1) { database in
            var rows: [SQLiteRecord] = []
            for (task, count) in wanted {
                rows += try database.query(
                    """
                    UPDATE jobs SET state = \(JobLifecycle.sqlTarget(of: .claim)), node = ?, started_at = ?,
                        attempts = attempts + 1, pid = NULL, pid_start = NULL, progress = NULL
                    WHERE seq IN (
                        SELECT seq FROM jobs WHERE \(JobLifecycle.sqlGuard(of: .claim)) AND task = ?
                        ORDER BY seq LIMIT ?
                    )
                    RETURNING seq, \(Self.jobColumns)
                    """, [.text(node), Self.integer(now), .text(task), .integer(Int64(count))])
            }
            return rows.sorted { ($0.column("seq")?.integer ?? 0) < ($1.column("seq")?.integer ?? 0) }
        }
        let jobs = try Self.jobs(from: rows)
        if !jobs.isEmpty { events.publish(.started(jobs.map(\.id))) }
        return jobs
    }

    public func recordProcess(
        _ process: JobProcessIdentity, of id: JobID, claim: JobClaim
    ) async throws(JobStoreError) {
        try await queue.perform("couldn't record the job's process", needsTransaction: false) { database in
            try database.execute(
                """
                UPDATE jobs SET pid = ?, pid_start = ?
                WHERE id = ? AND \(JobLifecycle.sqlGuard(of: .recordProcess)) AND \(Self.claimGuard)
                """,
                [
                    .integer(Int64(process.pid)), .integer(Int64(process.startTime)), .text(id.rawValue),
                ] + Self.bindings(of: claim))
        }
    }

    public func recordProgress(_ progress: [UInt8], of id: JobID, claim: JobClaim) async throws(JobStoreError) {
        try await queue.perform("couldn't record progress", needsTransaction: false) { database in
            try database.execute(
                """
                UPDATE jobs SET progress = ?
                WHERE id = ? AND \(JobLifecycle.sqlGuard(of: .recordProgress)) AND \(Self.claimGuard)
                """,
                [Self.text(progress), .text(id.rawValue)] + Self.bindings(of: claim))
        }
        events.publish(.progressed(id))
    }

    public func finish(
        _ id: JobID, claim: JobClaim, outcome: JobOutcome, exitStatus: String?, now: JobTimestamp,
        expiresAt: JobTimestamp
    ) async throws(JobStoreError) -> Job? {
        precondition(JobLifecycle.targets(of: .finish).contains(outcome.state), "\(outcome.state) is not final")
        let rows = try await queue.perform("couldn't record the job's end", needsTransaction: false) { database in
            try database.query(
                """
                UPDATE jobs SET state = ?, result = ?, message = ?, exit_status = ?, finished_at = ?, expires_at = ?,
                    pid = NULL, pid_start = NULL
                WHERE id = ? AND \(JobLifecycle.sqlGuard(of: .finish)) AND \(Self.claimGuard)
                RETURNING \(Self.jobColumns)
                """,
                [
                    .text(outcome.state.rawValue), Self.text(outcome.result),
                    outcome.message.map { .text($0) } ?? .null,
                    exitStatus.map { .text($0) } ?? .null, Self.integer(now), Self.integer(expiresAt),
                    .text(id.rawValue),
                ] + Self.bindings(of: claim))
        }
        guard let row = rows.first else { return nil }
        let job = try Self.job(from: row)
        events.publish(.finished(id, expiresAt: expiresAt))
        return job
    }

    public func requeue(_ id: JobID, claim: JobClaim) async throws(JobStoreError) -> Bool {
        let rows = try await queue.perform("couldn't requeue the job", needsTransaction: false) { database in
            try database.query(
                """
                UPDATE jobs SET state = \(JobLifecycle.sqlTarget(of: .requeue)), node = NULL, started_at = NULL,
                    pid = NULL, pid_start = NULL, progress = NULL, terminate_requested = 0
                WHERE id = ? AND \(JobLifecycle.sqlGuard(of: .requeue)) AND \(Self.claimGuard)
                RETURNING task
                """, [.text(id.rawValue)] + Self.bindings(of: claim))
        }
        guard let task = rows.first?.column("task")?.string else { return false }
        events.publish(.submitted(task: task))
        return true
    }

    public func job(_ id: JobID, now: JobTimestamp) async throws(JobStoreError) -> Job? {
        let rows = try await queue.perform("couldn't read the job", needsTransaction: false) { database in
            try database.query(
                "SELECT \(Self.jobColumns) FROM jobs WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)",
                [.text(id.rawValue), Self.integer(now)])
        }
        return try rows.first.map { row throws(JobStoreError) in try Self.job(from: row) }
    }

    public func list(_ filter: JobFilter, now: JobTimestamp) async throws(JobStoreError) -> [Job] {
        var conditions = ["(expires_at IS NULL OR expires_at > ?)"]
        var binds: [SQLiteValue] = [Self.integer(now)]
        if let task = filter.task {
            conditions.append("task = ?")
            binds.append(.text(task))
        }
        if let states = filter.states {
            conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            binds += states.sorted { $0.rawValue < $1.rawValue }.map { .text($0.rawValue) }
            if states.isEmpty { conditions[conditions.count - 1] = "0" }
        }
        if let node = filter.node {
            conditions.append("node = ?")
            binds.append(.text(node))
        }
        binds.append(.integer(Int64(max(0, filter.limit))))
        let arguments = binds
        let sql =
            "SELECT \(Self.jobColumns) FROM jobs WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq DESC LIMIT ?"
        let rows = try await queue.perform("couldn't list jobs", needsTransaction: false) { database in
            try database.query(sql, arguments)
        }
        return try Self.jobs(from: rows)
    }

    public func counts(now: JobTimestamp) async throws(JobStoreError) -> [JobCount] {
        let sql =
            "SELECT task, state, COUNT(*) AS n FROM jobs WHERE expires_at IS NULL OR expires_at > ? GROUP BY task, state ORDER BY task, state"
        let rows = try await queue.perform("couldn't count jobs", needsTransaction: false) { database in
            try database.query(sql, [Self.integer(now)])
        }
        return rows.compactMap { row in
            guard let task = row.column("task")?.string, let stateText = row.column("state")?.string,
                let state = JobState(rawValue: stateText),
                let count = row.column("n")?.integer
            else { return nil }
            return JobCount(task: task, state: state, count: Int(count))
        }
    }

    public func requestTermination(
        of id: JobID, message: String, now: JobTimestamp, expiresAt: JobTimestamp
    ) async throws(JobStoreError) -> TerminationRequestResult {
        let (kind, rows) = try await queue.perform("couldn't terminate the job") { database -> (Int, [SQLiteRecord]) in
            let cancelled = try database.query(
                """
                UPDATE jobs SET state = \(JobLifecycle.sqlTarget(of: .cancel)), message = ?, finished_at = ?,
                    expires_at = ?
                WHERE id = ? AND \(JobLifecycle.sqlGuard(of: .cancel)) RETURNING \(Self.jobColumns)
                """, [.text(message), Self.integer(now), Self.integer(expiresAt), .text(id.rawValue)])
            if !cancelled.isEmpty { return (0, cancelled) }
            let flagged = try database.query(
                """
                UPDATE jobs SET terminate_requested = 1 WHERE id = ? AND \(JobLifecycle.sqlGuard(of: .requestStop))
                RETURNING \(Self.jobColumns)
                """, [.text(id.rawValue)])
            if !flagged.isEmpty { return (1, flagged) }
            return (
                2,
                try database.query(
                    "SELECT \(Self.jobColumns) FROM jobs WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)",
                    [.text(id.rawValue), Self.integer(now)])
            )
        }
        guard let row = rows.first else { return .notFound }
        let job = try Self.job(from: row)
        switch kind {
        case 0:
            events.publish(.finished(id, expiresAt: expiresAt))
            return .cancelledWhileQueued(job)
        case 1:
            events.publish(.terminationRequested(id, node: job.node ?? ""))
            return .stopRequested(job)
        default:
            return .alreadyFinished(job)
        }
    }

    public func runningJobs(of node: String) async throws(JobStoreError) -> [Job] {
        let rows = try await queue.perform("couldn't read running jobs", needsTransaction: false) { database in
            try database.query(
                """
                SELECT \(Self.jobColumns) FROM jobs WHERE \(JobLifecycle.sqlCondition([.running])) AND node = ?
                ORDER BY seq
                """,
                [.text(node)])
        }
        return try Self.jobs(from: rows)
    }

    public func purgeExpired(now: JobTimestamp) async throws(JobStoreError) -> JobTimestamp? {
        let next = try await queue.perform("couldn't purge expired jobs") { database -> Int64? in
            try database.execute("DELETE FROM jobs WHERE expires_at <= ?", [Self.integer(now)])
            let rows = try database.query(
                "SELECT MIN(expires_at) AS next FROM jobs WHERE expires_at IS NOT NULL")
            return rows.first?.column("next")?.integer.map { Int64($0) }
        }
        return next.map { JobTimestamp(milliseconds: $0) }
    }
}
