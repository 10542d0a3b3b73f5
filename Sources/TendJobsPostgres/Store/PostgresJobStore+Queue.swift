import PostgresNIO
import TendJobs
import TendPlatform

extension PostgresJobStore {
    public func submit(_ submission: JobSubmission) async throws(JobStoreError) -> Job {
        try await submitter.submit(submission)
        events.publish(.submitted(task: submission.task))
        return Job(
            id: submission.id, task: submission.task, input: submission.input, submittedAt: submission.submittedAt)
    }

    public func claim(slots: [String: Int], node: String, now: JobTimestamp) async throws(JobStoreError) -> [Job] {
        let wanted = slots.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        guard !wanted.isEmpty else { return [] }
        let tasks = wanted.map(\.key)
        let counts = wanted.map(\.value)
        // Other nodes hear `started` when the job's process is recorded (`recordProcess`): one notification a job.
        let jobs = try await perform("couldn't claim jobs", retry: false) { client in
            let rows = try await client.query(
                """
                WITH wanted AS (SELECT * FROM unnest(\(tasks)::text[], \(counts)::bigint[]) AS w(task, n)),
                picked AS (
                    SELECT j.seq FROM wanted CROSS JOIN LATERAL (
                        SELECT seq FROM tend_jobs WHERE \(unescaped: JobLifecycle.sqlGuard(of: .claim))
                            AND task = wanted.task
                        ORDER BY seq LIMIT wanted.n FOR UPDATE SKIP LOCKED
                    ) AS j
                ),
                claimed AS (
                    UPDATE tend_jobs SET state = \(unescaped: JobLifecycle.sqlTarget(of: .claim)), node = \(node),
                        started_at = \(now.milliseconds), attempts = attempts + 1, pid = NULL, pid_start = NULL,
                        progress = NULL
                    FROM picked WHERE tend_jobs.seq = picked.seq
                    RETURNING tend_jobs.seq, \(unescaped: Self.jobColumns)
                )
                SELECT * FROM claimed ORDER BY seq
                """, logger: logger)
            return try await Self.jobs(from: rows, offset: 1)
        }
        if !jobs.isEmpty { events.publish(.started(jobs.map(\.id))) }
        return jobs
    }

    /// Also announces `started` for the job again: its process now runs (status readers may wait for it).
    public func recordProcess(
        _ process: JobProcessIdentity, of id: JobID, claim: JobClaim
    ) async throws(JobStoreError) {
        let startTime = Int64(clamping: process.startTime)
        let payload = prefix("b") + id.rawValue
        let recorded = try await perform("couldn't record the job's process") { client -> Bool in
            let rows = try await client.query(
                """
                WITH updated AS (
                    UPDATE tend_jobs SET pid = \(process.pid), pid_start = \(startTime)
                    WHERE id = \(id.rawValue) AND \(unescaped: JobLifecycle.sqlGuard(of: .recordProcess))
                        AND node = \(claim.node) AND attempts = \(claim.attempt)
                    RETURNING id
                )
                SELECT pg_notify('\(unescaped: StoreNotification.channel)', \(payload))::text FROM updated
                """, logger: logger)
            var recorded = false
            for try await _ in rows { recorded = true }
            return recorded
        }
        if recorded { events.publish(.started([id])) }
    }

    public func recordProgress(_ progress: [UInt8], of id: JobID, claim: JobClaim) async throws(JobStoreError) {
        let text = Self.text(progress)
        let payload = prefix("p") + id.rawValue
        try await perform("couldn't record progress") { client in
            let rows = try await client.query(
                """
                WITH updated AS (
                    UPDATE tend_jobs SET progress = \(text)
                    WHERE id = \(id.rawValue) AND \(unescaped: JobLifecycle.sqlGuard(of: .recordProgress))
                        AND node = \(claim.node) AND attempts = \(claim.attempt)
                    RETURNING id
                )
                SELECT pg_notify('\(unescaped: StoreNotification.channel)', \(payload))::text FROM updated
                """, logger: logger)
            for try await _ in rows {}
        }
        events.publish(.progressed(id))
    }

    public func finish(
        _ id: JobID, claim: JobClaim, outcome: JobOutcome, exitStatus: String?, now: JobTimestamp,
        expiresAt: JobTimestamp
    ) async throws(JobStoreError) -> Job? {
        precondition(JobLifecycle.targets(of: .finish).contains(outcome.state), "\(outcome.state) is not final")
        let result = outcome.result.map(Self.text)
        let payload = StoreNotification.payloads(of: .finished(id, expiresAt: expiresAt), origin: origin)[0]
        let jobs = try await perform("couldn't record the job's end") { client in
            let rows = try await client.query(
                """
                WITH finished AS (
                    UPDATE tend_jobs SET state = \(outcome.state.rawValue), result = \(result),
                        message = \(outcome.message), exit_status = \(exitStatus), finished_at = \(now.milliseconds),
                        expires_at = \(expiresAt.milliseconds), pid = NULL, pid_start = NULL
                    WHERE id = \(id.rawValue) AND \(unescaped: JobLifecycle.sqlGuard(of: .finish))
                        AND node = \(claim.node) AND attempts = \(claim.attempt)
                    RETURNING \(unescaped: Self.jobColumns)
                )
                SELECT finished.*, pg_notify('\(unescaped: StoreNotification.channel)', \(payload))::text FROM finished
                """, logger: logger)
            return try await Self.jobs(from: rows)
        }
        guard let job = jobs.first else { return nil }
        events.publish(.finished(id, expiresAt: expiresAt))
        return job
    }

    public func requeue(_ id: JobID, claim: JobClaim) async throws(JobStoreError) -> Bool {
        let prefix = prefix("s")
        let task = try await perform("couldn't requeue the job") { client -> String? in
            let rows = try await client.query(
                """
                WITH requeued AS (
                    UPDATE tend_jobs SET state = \(unescaped: JobLifecycle.sqlTarget(of: .requeue)), node = NULL,
                        started_at = NULL, pid = NULL, pid_start = NULL, progress = NULL, terminate_requested = false
                    WHERE id = \(id.rawValue) AND \(unescaped: JobLifecycle.sqlGuard(of: .requeue))
                        AND node = \(claim.node) AND attempts = \(claim.attempt)
                    RETURNING task
                )
                SELECT task, pg_notify('\(unescaped: StoreNotification.channel)', \(prefix) || task)::text FROM requeued
                """, logger: logger)
            var task: String?
            for try await (value, _) in rows.decode((String, String?).self) { task = value }
            return task
        }
        guard let task else { return false }
        events.publish(.submitted(task: task))
        return true
    }
}
