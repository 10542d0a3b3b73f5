/// Which run of a job a node holds: the node that claimed it and the attempt that claim started.
///
/// The claim is a fence. Every write a runner makes about a running job (its process, its progress, its end, its
/// requeue) names the claim, and a store makes the write only while the job still runs under that same claim. A
/// node that stalled past its heartbeat lapse, whose job a peer requeued and someone claimed again (even the same
/// node, as a later attempt), can no longer write into the new run: its late writes change nothing.
public struct JobClaim: Sendable, Hashable, CustomStringConvertible {
    /// The node that claimed the job.
    public var node: String
    /// The job's `attempts` once this claim was made (1 for the first run).
    public var attempt: Int

    /// The claim of `node`'s run number `attempt`.
    public init(node: String, attempt: Int) {
        self.node = node
        self.attempt = attempt
    }

    /// `node#attempt`, as logs show it.
    public var description: String { "\(node)#\(attempt)" }
}

extension Job {
    /// The claim of the job's current run, or `nil` when no node has claimed it (queued, or never started).
    public var claim: JobClaim? {
        node.map { JobClaim(node: $0, attempt: attempts) }
    }
}
