import TendPlatform

/// Where jobs live: the durable queue that job runners claim from and the job service reads.
///
/// Every method is atomic: a store serialises its changes (SQLite) or uses row locks (PostgreSQL), so a job is
/// claimed by exactly one runner and a terminated queued job never starts. A method returns only after its change
/// is committed; in particular `submit` returns only once the job would survive a crash of the daemon.
///
/// Changes are announced to `subscribe()` streams: runners wake on them instead of polling.
public protocol JobStore: Sendable {
    /// Queues a new job.
    /// - Returns: the job as stored, once committed.
    func submit(_ submission: JobSubmission) async throws(JobStoreError) -> Job

    /// Claims the oldest queued jobs for `node`: at most `slots[task]` of each task. They become `running`
    /// with `node` set, `startedAt` = `now` and one more attempt.
    /// - Returns: the claimed jobs, oldest first.
    func claim(slots: [String: Int], node: String, now: JobTimestamp) async throws(JobStoreError) -> [Job]

    /// Records which process runs a claimed job, so that recovery can stop it after a crash.
    /// No effect unless the job still runs under `claim` (see `JobClaim`).
    func recordProcess(_ process: JobProcessIdentity, of id: JobID, claim: JobClaim) async throws(JobStoreError)

    /// Replaces the last progress of a running job with `progress` (a JSON object). No effect unless it still runs
    /// under `claim`.
    func recordProgress(_ progress: [UInt8], of id: JobID, claim: JobClaim) async throws(JobStoreError)

    /// Puts a job that runs under `claim` into the final state of `outcome`.
    /// - Returns: the finished job, or `nil` when the job no longer runs under `claim` (it was requeued, taken
    ///   over or claimed again since): then nothing changed.
    func finish(
        _ id: JobID, claim: JobClaim, outcome: JobOutcome, exitStatus: String?, now: JobTimestamp,
        expiresAt: JobTimestamp
    ) async throws(JobStoreError) -> Job?

    /// Puts a job that runs under `claim` back in the queue, in its original place.
    /// - Returns: `false` when the job no longer runs under `claim`.
    func requeue(_ id: JobID, claim: JobClaim) async throws(JobStoreError) -> Bool

    /// The job with `id`, or `nil` when there is none or its result expired before `now`.
    func job(_ id: JobID, now: JobTimestamp) async throws(JobStoreError) -> Job?

    /// Unexpired jobs that match `filter`, newest first.
    func list(_ filter: JobFilter, now: JobTimestamp) async throws(JobStoreError) -> [Job]

    /// How many unexpired jobs each task has in each state, sorted by task then state.
    /// - Throws: `JobStoreError` when the store cannot be read.
    func counts(now: JobTimestamp) async throws(JobStoreError) -> [JobCount]

    /// Asks for a job to stop. A queued job becomes `terminated` at once (with `message`, expiring at `expiresAt`)
    /// and never starts; a running job is flagged and its node is told (`JobStoreEvent.terminationRequested`).
    func requestTermination(
        of id: JobID, message: String, now: JobTimestamp, expiresAt: JobTimestamp
    ) async throws(JobStoreError) -> TerminationRequestResult

    /// The jobs that `node` had running: after a crash of that node they are interrupted.
    func runningJobs(of node: String) async throws(JobStoreError) -> [Job]

    /// Deletes the jobs whose results expired at or before `now`.
    /// - Returns: the next expiry still in the store, if any.
    func purgeExpired(now: JobTimestamp) async throws(JobStoreError) -> JobTimestamp?

    /// A stream of the store's changes from now on (from every node sharing the store, where it is shared).
    /// The stream ends when the consuming task is cancelled.
    func subscribe() -> AsyncStream<JobStoreEvent>
}

/// What `JobStore.requestTermination` did.
public enum TerminationRequestResult: Sendable, Hashable {
    /// The job was queued and is now `terminated`; it never starts.
    case cancelledWhileQueued(Job)
    /// The job runs on `node`, which has been told to stop it.
    case stopRequested(Job)
    /// The job had already finished; nothing changed.
    case alreadyFinished(Job)
    /// No such job (or it expired).
    case notFound
}
