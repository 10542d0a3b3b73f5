import Logging
import TendConfig
import TendPlatform

extension JobRunner {
    /// Handles the jobs that `lostNode` had running as interrupted: (on this node's own recovery) kills their
    /// leftover processes and waits for them to exit, then requeues each job or marks it `crashed`, per its
    /// task's `on_interrupt`; a job whose termination was asked for becomes `terminated`. Own recovery also
    /// purges expired results and then lets the runner start claiming.
    func recoveryEffect(of lostNode: String, stopLeftovers: Bool) -> Effect {
        let store = store
        let tasks = tasks
        let logger = logger
        let events = events
        let ownRecovery = lostNode == node
        return {
            do throws(JobStoreError) {
                let interrupted = try await store.runningJobs(of: lostNode)
                for job in interrupted {
                    if stopLeftovers {
                        let leftovers =
                            job.process.map { [$0] }
                            ?? LeftoverProcess.processes(withEnvironment: "TEND_JOB_ID=\(job.id.rawValue)")
                        for process in leftovers { await LeftoverProcess.kill(process) }
                    }
                    let reason =
                        ownRecovery
                        ? "the daemon stopped while the job ran"
                        : "node \(lostNode) stopped answering while the job ran"
                    try await Self.handBack(job, spec: tasks[job.task], reason: reason, store: store)
                    logger.info("recovered interrupted job \(job.id) of node \(lostNode)")
                }
                if ownRecovery { events?.yield(.purged(next: try await store.purgeExpired(now: .now))) }
            } catch {
                logger.error("couldn't recover the jobs of node \(lostNode): \(error.message)")
            }
            if ownRecovery { events?.yield(.recovered) }
        }
    }

    /// Hands a job that was stopped by a shutdown back to the store.
    func handBackEffect(_ job: Job, spec: TaskSpec, reason: String) -> Effect {
        let store = store
        let logger = logger
        let claim = claim(of: job)
        return {
            do throws(JobStoreError) {
                try await Self.handBack(job, spec: spec, claim: claim, reason: reason, store: store)
            } catch {
                logger.error("couldn't hand job \(job.id) back: \(error.message)")
            }
        }
    }

    /// Hands back a job that a store reports running (a lost node's, or this node's from before a crash), under
    /// the claim the store shows: if someone else took it meanwhile, nothing changes.
    static func handBack(
        _ job: Job, spec: TaskSpec?, reason: String, store: any JobStore
    ) async throws(JobStoreError) {
        guard let claim = job.claim else { return }
        try await handBack(job, spec: spec, claim: claim, reason: reason, store: store)
    }

    /// Requeues an interrupted job, or finishes it as `crashed` (or `terminated` when that was asked for).
    static func handBack(
        _ job: Job, spec: TaskSpec?, claim: JobClaim, reason: String, store: any JobStore
    ) async throws(JobStoreError) {
        let now = JobTimestamp.now
        let expiresAt = now.adding(seconds: spec?.resultTTL ?? 300)
        if job.terminationRequested {
            _ = try await store.finish(
                job.id, claim: claim, outcome: .terminated(message: "terminated on request (\(reason))"),
                exitStatus: nil, now: now, expiresAt: expiresAt)
        } else if spec?.onInterrupt == .requeue {
            _ = try await store.requeue(job.id, claim: claim)
        } else {
            _ = try await store.finish(
                job.id, claim: claim, outcome: .crashed(message: "interrupted: \(reason)"), exitStatus: nil, now: now,
                expiresAt: expiresAt)
        }
    }
}
