import TendJobs
import Testing

extension JobStoreContract {
    /// Checks of `claim`, `recordProcess`, `recordProgress` and `requeue`.
    static let claiming: [JobStoreContractCheck] = [
        JobStoreContractCheck("claimTakesTheOldestQueuedJobsOfEachTaskUpToItsSlots") { store in
            let a1 = try await submit(store, "a", at: 1)
            let b1 = try await submit(store, "b", at: 2)
            let a2 = try await submit(store, "a", at: 3)
            _ = try await submit(store, "a", at: 4)
            let now = at(100)
            let claimed = try await store.claim(slots: ["a": 2, "b": 5, "c": 1], node: "n1", now: now)
            #expect(claimed.map(\.id) == [a1.id, b1.id, a2.id])
            #expect(claimed.allSatisfy { $0.state == .running && $0.node == "n1" && $0.attempts == 1 })
            #expect(claimed.allSatisfy { $0.startedAt == now })
            #expect(claimed.first?.input == Array("{\"n\":1}".utf8))
            #expect(try await store.claim(slots: ["b": 1], node: "n1", now: now).isEmpty)
            #expect(try await store.claim(slots: ["a": 0], node: "n1", now: now).isEmpty)
            #expect(try await store.claim(slots: [:], node: "n1", now: now).isEmpty)
        },
        JobStoreContractCheck("processAndProgressAreRecordedOnlyWhileTheJobRunsOnItsNode") { store in
            let job = try await submit(store, "a", at: 1)
            let process = JobProcessIdentity(pid: 4242, startTime: 99)
            try await store.recordProgress(Array("{\"step\":1}".utf8), of: job.id, claim: claim("n1"))
            #expect(try await store.job(job.id, now: at(2))?.progress == nil)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            try await store.recordProcess(process, of: job.id, claim: claim("n2"))
            #expect(try await store.job(job.id, now: at(11))?.process == nil)
            try await store.recordProcess(process, of: job.id, claim: claim("n1"))
            try await store.recordProgress(Array("{\"step\":2}".utf8), of: job.id, claim: claim("n1"))
            let running = try await store.job(job.id, now: at(12))
            #expect(running?.process == process)
            #expect(running?.progress == Array("{\"step\":2}".utf8))
            _ = try await store.finish(
                job.id, claim: claim("n1"), outcome: .crashed(message: "gone"), exitStatus: nil, now: at(20),
                expiresAt: at(900))
            try await store.recordProgress(Array("{\"step\":3}".utf8), of: job.id, claim: claim("n1"))
            try await store.recordProcess(process, of: job.id, claim: claim("n1"))
            let finished = try await store.job(job.id, now: at(21))
            #expect(finished?.progress == Array("{\"step\":2}".utf8))
            #expect(finished?.process == nil)
        },
        JobStoreContractCheck("requeuePutsTheJobBackInItsOriginalPlace") { store in
            let first = try await submit(store, "a", at: 1)
            let second = try await submit(store, "a", at: 2)
            let now = at(10)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: now)
            #expect(try await store.requeue(first.id, claim: claim("n2")) == false)
            #expect(try await store.requeue(first.id, claim: claim("n1")))
            #expect(try await store.requeue(first.id, claim: claim("n1")) == false)
            let again = try await store.claim(slots: ["a": 1], node: "n1", now: now)
            #expect(again.map(\.id) == [first.id])
            #expect(again.first?.attempts == 2)
            #expect(try await store.claim(slots: ["a": 1], node: "n1", now: now).map(\.id) == [second.id])
        },
        JobStoreContractCheck("aStaleClaimWritesNothingOnceTheJobIsClaimedAgain") { store in
            // The node ran attempt 1, was thought lost, its job was requeued and claimed again (here by the same
            // node, as attempt 2): its first run's late writes must not land in the second run.
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            #expect(try await store.requeue(job.id, claim: claim("n1")))
            let again = try await store.claim(slots: ["a": 1], node: "n1", now: at(20))
            #expect(again.first?.claim == claim("n1", attempt: 2))
            let stale = claim("n1", attempt: 1)
            try await store.recordProcess(JobProcessIdentity(pid: 11, startTime: 12), of: job.id, claim: stale)
            try await store.recordProgress(Array("{\"old\":1}".utf8), of: job.id, claim: stale)
            let late = try await store.finish(
                job.id, claim: stale, outcome: .completed(result: Array("{\"old\":true}".utf8)),
                exitStatus: "exit status 0", now: at(30), expiresAt: at(900))
            #expect(late == nil)
            #expect(try await store.requeue(job.id, claim: stale) == false)
            let running = try await store.job(job.id, now: at(31))
            #expect(running?.state == .running && running?.attempts == 2)
            #expect(running?.process == nil && running?.progress == nil && running?.result == nil)
            let finished = try await store.finish(
                job.id, claim: claim("n1", attempt: 2), outcome: .completed(result: []), exitStatus: "exit status 0",
                now: at(40), expiresAt: at(900))
            #expect(finished?.state == .completed)
        },
        JobStoreContractCheck("requeueClearsTheRunAndTheStopRequest") { store in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            try await store.recordProcess(JobProcessIdentity(pid: 7, startTime: 8), of: job.id, claim: claim("n1"))
            try await store.recordProgress(Array("{\"step\":1}".utf8), of: job.id, claim: claim("n1"))
            _ = try await store.requestTermination(of: job.id, message: "x", now: at(11), expiresAt: at(99))
            #expect(try await store.requeue(job.id, claim: claim("n1")))
            let queued = try await store.job(job.id, now: at(12))
            #expect(queued?.state == .queued)
            #expect(queued?.node == nil && queued?.startedAt == nil)
            #expect(queued?.process == nil && queued?.progress == nil)
            #expect(queued?.terminationRequested == false)
            #expect(queued?.attempts == 1)
            #expect(queued?.expiresAt == nil && queued?.finishedAt == nil)
        },
        JobStoreContractCheck("concurrentClaimsTakeEachJobExactlyOnce") { store in
            let count = 200
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        _ = try await store.submit(JobSubmission(task: index % 2 == 0 ? "a" : "b", input: []))
                    }
                }
                try await group.waitForAll()
            }
            @Sendable func drain(_ node: String) async throws -> [JobID] {
                var taken: [JobID] = []
                while true {
                    let jobs = try await store.claim(slots: ["a": 7, "b": 5], node: node, now: .now)
                    if jobs.isEmpty { return taken }
                    taken += jobs.map(\.id)
                }
            }
            async let one = drain("n1")
            async let two = drain("n2")
            let (byFirst, bySecond) = try await (one, two)
            #expect(byFirst.count + bySecond.count == count)
            #expect(Set(byFirst).isDisjoint(with: Set(bySecond)))
            #expect(Set(byFirst + bySecond).count == count)
        },
    ]
}
