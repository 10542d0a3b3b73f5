import TendJobs

/// The contract of `JobStore` as checks over `any JobStore`: the SQLite and the PostgreSQL suites run the same
/// checks, so the two stores cannot drift apart. What only a shared store can do (several nodes on one database,
/// heartbeats, schema upgrades between daemons) stays in the PostgreSQL suite.
public enum JobStoreContract {
    /// Every check, in a stable order.
    public static let checks: [JobStoreContractCheck] =
        submitting + claiming + finishing + terminating + listing + announcing
}

extension JobStoreContract {
    /// Queues a job of `task` submitted at `milliseconds`, whose input names that time (`{"n":…}`).
    static func submit(_ store: any JobStore, _ task: String, at milliseconds: Int64) async throws -> Job {
        try await store.submit(
            JobSubmission(
                task: task, input: Array("{\"n\":\(milliseconds)}".utf8),
                submittedAt: JobTimestamp(milliseconds: milliseconds)))
    }

    /// A timestamp `milliseconds` after the epoch (the checks use small fixed times).
    static func at(_ milliseconds: Int64) -> JobTimestamp { JobTimestamp(milliseconds: milliseconds) }

    /// The claim of `node`'s run number `attempt` (the first, unless a requeue came between).
    static func claim(_ node: String, attempt: Int = 1) -> JobClaim { JobClaim(node: node, attempt: attempt) }
}
