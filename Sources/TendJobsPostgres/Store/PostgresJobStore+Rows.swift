import PostgresNIO
import TendAPI
import TendJobs
import TendPlatform

extension PostgresJobStore {
    /// The columns every query that returns jobs selects, in the order `job(from:)` reads them.
    static let jobColumns = """
        id, task, state, input, result, progress, message, exit_status, node, attempts, terminate_requested, \
        submitted_at, started_at, finished_at, expires_at, pid, pid_start
        """

    /// Decodes one row that starts with `jobColumns` (at `offset`).
    static func job(from row: PostgresRow, offset: Int = 0) throws(JobStoreError) -> Job {
        let cells = row.makeRandomAccess()
        do {
            let stateText = try cells[offset + 2].decode(String.self)
            guard let state = JobState(rawValue: stateText) else {
                throw JobStoreError("the job database holds a job in an unknown state '\(stateText)'")
            }
            var job = Job(
                id: JobID(try cells[offset].decode(String.self)), task: try cells[offset + 1].decode(String.self),
                input: Array(try cells[offset + 3].decode(String.self).utf8),
                submittedAt: JobTimestamp(milliseconds: try cells[offset + 11].decode(Int64.self)))
            job.state = state
            job.result = try cells[offset + 4].decode(String?.self).map { Array($0.utf8) }
            job.progress = try cells[offset + 5].decode(String?.self).map { Array($0.utf8) }
            job.message = try cells[offset + 6].decode(String?.self)
            job.exitStatus = try cells[offset + 7].decode(String?.self)
            job.node = try cells[offset + 8].decode(String?.self)
            job.attempts = try cells[offset + 9].decode(Int.self)
            job.terminationRequested = try cells[offset + 10].decode(Bool.self)
            job.startedAt = try cells[offset + 12].decode(Int64?.self).map(JobTimestamp.init(milliseconds:))
            job.finishedAt = try cells[offset + 13].decode(Int64?.self).map(JobTimestamp.init(milliseconds:))
            job.expiresAt = try cells[offset + 14].decode(Int64?.self).map(JobTimestamp.init(milliseconds:))
            if let pid = try cells[offset + 15].decode(Int32?.self),
                let start = try cells[offset + 16].decode(Int64?.self)
            {
                job.process = JobProcessIdentity(pid: pid, startTime: UInt64(start))
            }
            return job
        } catch let error as JobStoreError {
            throw error
        } catch {
            throw JobStoreError("the job database holds a malformed job row: \(error)")
        }
    }

    /// Reads every row of `rows` as a job.
    static func jobs(from rows: PostgresRowSequence, offset: Int = 0) async throws -> [Job] {
        var jobs: [Job] = []
        for try await row in rows { jobs.append(try job(from: row, offset: offset)) }
        return jobs
    }

    /// A text column from bytes (job documents are UTF-8 JSON).
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
