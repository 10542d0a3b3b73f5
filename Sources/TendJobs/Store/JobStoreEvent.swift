/// A change in a job store, as its subscribers see it.
public enum JobStoreEvent: Sendable, Hashable {
    /// A job of `task` was queued (or requeued): a runner with a free slot should claim.
    case submitted(task: String)
    /// Jobs were claimed and are now running.
    case started([JobID])
    /// A running job reported progress.
    case progressed(JobID)
    /// The job reached a final state; its result expires at `expiresAt`.
    case finished(JobID, expiresAt: JobTimestamp)
    /// Someone asked to stop `id`, which runs on `node`.
    case terminationRequested(JobID, node: String)
    /// `node` stopped answering; its running jobs are to be handled as after a crash.
    case nodeLost(String)
    /// This store wrote its node's heartbeat (shared stores only; never sent to other nodes). A runner then checks
    /// that the jobs it runs still run under its claims: a node that was thought lost meanwhile may have had its
    /// jobs taken over.
    case heartbeat
}
