extension JobRunner {
    /// The claim this runner holds on `job`, which it claimed (or, in recovery, which the store shows running).
    func claim(of job: Job) -> JobClaim {
        job.claim ?? JobClaim(node: node, attempt: job.attempts)
    }

    /// After a heartbeat of a shared store: asks the store which of this node's jobs still run under its claims,
    /// unless no job runs here or a check is already in flight. A node that stalled past its heartbeat lapse hears
    /// this on its first beat after it wakes.
    func checkClaims() -> [Effect] {
        guard !active.isEmpty, !claimCheckInFlight, !shuttingDown else { return [] }
        claimCheckInFlight = true
        // Only the jobs claimed before the query starts are judged by it; a later claim is not in its answer.
        let asked = active.mapValues { claim(of: $0.job) }
        let store = store
        let node = node
        let events = events
        let logger = logger
        return [
            {
                do throws(JobStoreError) {
                    let running = try await store.runningJobs(of: node)
                    let held = Dictionary(
                        running.compactMap { job in job.claim.map { (job.id, $0) } }, uniquingKeysWith: { a, _ in a })
                    events?.yield(.claimsChecked(asked: asked, held: held))
                } catch {
                    logger.warning("couldn't check that this node still holds its jobs' claims: \(error.message)")
                    events?.yield(.claimsChecked(asked: [:], held: [:]))
                }
            }
        ]
    }

    /// Kills the process of every job whose claim the store no longer shows: a peer requeued it (this node was
    /// thought lost) and it may run elsewhere now. Its outcome is not written (`processEnded`).
    func claimsChecked(asked: [JobID: JobClaim], held: [JobID: JobClaim]) -> [Effect] {
        claimCheckInFlight = false
        for (id, claim) in asked where held[id] != claim {
            guard let job = active[id], self.claim(of: job.job) == claim else { continue }
            logger.warning("job \(id) no longer runs under this node's claim \(claim): killing its process")
            job.process.stop(.claimLost)
        }
        return []
    }
}
