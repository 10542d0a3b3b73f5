import TendAPI
import TendPlatform

extension SQLiteJobStore {
    /// The columns every query that returns jobs selects, in the order `job(from:)` reads them.
    static let jobColumns = """
        id, task, state, input, result, progress, message, exit_status, node, attempts, terminate_requested, \
        submitted_at, started_at, finished_at, expires_at, pid, pid_start
        """

    /// Decodes one row of `jobColumns`.
    static func job(from row: SQLiteRecord) throws(JobStoreError) -> Job {
        guard let id = row.column("id")?.string, let task = row.column("task")?.string,
            let stateText = row.column("state")?.string, let state = JobState(rawValue: stateText),
            let input = row.column("input")?.string, let submitted = row.column("submitted_at")?.integer
        else {
            throw JobStoreError("the job database holds a malformed row: \(row)")
        }
        var job = Job(
            id: JobID(id), task: task, input: Array(input.utf8),
            submittedAt: JobTimestamp(milliseconds: Int64(submitted)))
        job.state = state
        job.result = row.column("result")?.string.map { Array($0.utf8) }
        job.progress = row.column("progress")?.string.map { Array($0.utf8) }
        job.message = row.column("message")?.string
        job.exitStatus = row.column("exit_status")?.string
        job.node = row.column("node")?.string
        job.attempts = Int(row.column("attempts")?.integer ?? 0)
        job.terminationRequested = (row.column("terminate_requested")?.integer ?? 0) != 0
        job.startedAt = timestamp(row.column("started_at"))
        job.finishedAt = timestamp(row.column("finished_at"))
        job.expiresAt = timestamp(row.column("expires_at"))
        if let pid = row.column("pid")?.integer, let start = row.column("pid_start")?.integer {
            job.process = JobProcessIdentity(pid: Int32(pid), startTime: UInt64(start))
        }
        return job
    }

    static func jobs(from rows: [SQLiteRecord]) throws(JobStoreError) -> [Job] {
        var jobs: [Job] = []
        jobs.reserveCapacity(rows.count)
        for row in rows { jobs.append(try job(from: row)) }
        return jobs
    }

    private static func timestamp(_ data: SQLiteValue?) -> JobTimestamp? {
        guard let data, !data.isNull, let value = data.integer else { return nil }
        return JobTimestamp(milliseconds: Int64(value))
    }

    /// A text column from bytes (job documents are UTF-8 JSON).
    static func text(_ bytes: [UInt8]?) -> SQLiteValue {
        bytes.map { .text(String(decoding: $0, as: UTF8.self)) } ?? .null
    }

    static func integer(_ timestamp: JobTimestamp) -> SQLiteValue { .integer(Int64(timestamp.milliseconds)) }
}

extension SQLiteJobStore {
    /// The condition that the job still runs under a claim: bind `bindings(of:)` to its two parameters.
    static let claimGuard = "node = ? AND attempts = ?"

    /// The values of `claimGuard`'s parameters for `claim`.
    static func bindings(of claim: JobClaim) -> [SQLiteValue] {
        [.text(claim.node), .integer(Int64(claim.attempt))]
    }
}
