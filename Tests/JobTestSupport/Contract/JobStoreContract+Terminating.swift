import TendJobs
import Testing

extension JobStoreContract {
    /// Checks of `requestTermination`.
    static let terminating: [JobStoreContractCheck] = [
        JobStoreContractCheck("terminatingAQueuedJobEndsItBeforeItStarts") { store in
            let job = try await submit(store, "a", at: 1)
            let result = try await store.requestTermination(
                of: job.id, message: "terminated on request before it started", now: at(10), expiresAt: at(500))
            guard case .cancelledWhileQueued(let cancelled) = result else {
                Issue.record("expected the queued job to be cancelled, got \(result)")
                return
            }
            #expect(cancelled.state == .terminated)
            #expect(cancelled.message == "terminated on request before it started")
            #expect(cancelled.finishedAt == at(10) && cancelled.expiresAt == at(500))
            #expect(cancelled.node == nil && cancelled.attempts == 0 && !cancelled.terminationRequested)
            #expect(try await store.job(job.id, now: at(11)) == cancelled)
            #expect(try await store.claim(slots: ["a": 1], node: "n1", now: at(12)).isEmpty)
            #expect(try await store.requeue(job.id, claim: claim("n1")) == false)
            let again = try await store.requestTermination(of: job.id, message: "x", now: at(13), expiresAt: at(14))
            #expect(again == .alreadyFinished(cancelled))
            let missing = try await store.requestTermination(
                of: JobID("nope"), message: "x", now: at(13), expiresAt: at(14))
            #expect(missing == .notFound)
        },
        JobStoreContractCheck("terminatingARunningJobFlagsItAndLeavesTheEndToItsNode") { store in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            let result = try await store.requestTermination(of: job.id, message: "x", now: at(20), expiresAt: at(30))
            guard case .stopRequested(let flagged) = result else {
                Issue.record("expected a stop request, got \(result)")
                return
            }
            #expect(flagged.state == .running && flagged.terminationRequested && flagged.node == "n1")
            #expect(flagged.finishedAt == nil && flagged.expiresAt == nil && flagged.message == nil)
            #expect(try await store.job(job.id, now: at(21)) == flagged)
            let repeated = try await store.requestTermination(of: job.id, message: "x", now: at(22), expiresAt: at(30))
            #expect(repeated == .stopRequested(flagged))
            let ended = try await store.finish(
                job.id, claim: claim("n1"), outcome: .terminated(message: "terminated on request"),
                exitStatus: "terminated by SIGTERM", now: at(40), expiresAt: at(900))
            #expect(ended?.state == .terminated && ended?.terminationRequested == true)
            let late = try await store.requestTermination(of: job.id, message: "x", now: at(50), expiresAt: at(60))
            #expect(late == ended.map(TerminationRequestResult.alreadyFinished))
        },
    ]
}
