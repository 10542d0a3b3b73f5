import TendJobs
import Testing

extension JobStoreContract {
    /// Checks of `finish`, result expiry and `purgeExpired`.
    static let finishing: [JobStoreContractCheck] = [
        JobStoreContractCheck("finishRecordsTheOutcomeOnlyForTheNodeThatRunsTheJob") { store in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            try await store.recordProcess(JobProcessIdentity(pid: 4242, startTime: 99), of: job.id, claim: claim("n1"))
            let other = try await store.finish(
                job.id, claim: claim("n2"), outcome: .completed(result: []), exitStatus: "exit status 0",
                now: at(20), expiresAt: at(1_000))
            #expect(other == nil)
            let finished = try await store.finish(
                job.id, claim: claim("n1"), outcome: .completed(result: Array("{\"ok\":true}".utf8)),
                exitStatus: "exit status 0", now: at(20), expiresAt: at(1_000))
            #expect(finished?.state == .completed)
            #expect(finished?.result == Array("{\"ok\":true}".utf8))
            #expect(finished?.exitStatus == "exit status 0")
            #expect(finished?.process == nil)
            #expect(finished?.finishedAt == at(20) && finished?.expiresAt == at(1_000))
            #expect(try await store.job(job.id, now: at(999)) == finished)
            #expect(try await store.job(job.id, now: at(1_000)) == nil)
        },
        JobStoreContractCheck("everyOutcomeIsRecordedWithItsStateMessageAndResult") { store in
            let outcomes: [JobOutcome] = [
                .completed(result: []), .completed(result: Array("[1]".utf8)), .failed(message: "own error"),
                .timedOut(message: "too slow"), .terminated(message: "asked to"), .crashed(message: "signal"),
            ]
            var ids: [JobID] = []
            for index in outcomes.indices { ids.append(try await submit(store, "a", at: Int64(index + 1)).id) }
            _ = try await store.claim(slots: ["a": outcomes.count], node: "n1", now: at(10))
            for (id, outcome) in zip(ids, outcomes) {
                let exitStatus: String? = outcome.state == .crashed ? nil : "exit status 3"
                let job = try await store.finish(
                    id, claim: claim("n1"), outcome: outcome, exitStatus: exitStatus, now: at(20), expiresAt: at(900))
                #expect(job?.state == outcome.state, "\(outcome)")
                #expect(job?.message == outcome.message, "\(outcome)")
                #expect(job?.result == outcome.result, "\(outcome)")
                #expect(job?.exitStatus == exitStatus, "\(outcome)")
                #expect(job?.node == "n1", "\(outcome)")
                #expect(try await store.job(id, now: at(21)) == job, "\(outcome)")
            }
        },
        JobStoreContractCheck("aFinishedJobIsNeitherFinishedRequeuedNorClaimedAgain") { store in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            let first = try await store.finish(
                job.id, claim: claim("n1"), outcome: .failed(message: "no"), exitStatus: "exit status 2",
                now: at(20), expiresAt: at(900))
            let again = try await store.finish(
                job.id, claim: claim("n1"), outcome: .completed(result: []), exitStatus: "exit status 0",
                now: at(30), expiresAt: at(950))
            #expect(again == nil)
            #expect(try await store.requeue(job.id, claim: claim("n1")) == false)
            #expect(try await store.claim(slots: ["a": 1], node: "n1", now: at(40)).isEmpty)
            #expect(try await store.runningJobs(of: "n1").isEmpty)
            #expect(try await store.job(job.id, now: at(50)) == first)
        },
        JobStoreContractCheck("countsAreUnexpiredJobsPerTaskAndState") { store in
            let a1 = try await submit(store, "a", at: 1)
            _ = try await submit(store, "a", at: 2)
            _ = try await submit(store, "b", at: 3)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            _ = try await store.finish(
                a1.id, claim: claim("n1"), outcome: .failed(message: "no"), exitStatus: "exit status 1",
                now: at(20), expiresAt: at(1_000))
            #expect(
                try await store.counts(now: at(500)) == [
                    JobCount(task: "a", state: .failed, count: 1), JobCount(task: "a", state: .queued, count: 1),
                    JobCount(task: "b", state: .queued, count: 1),
                ])
            #expect(
                try await store.counts(now: at(1_000)) == [
                    JobCount(task: "a", state: .queued, count: 1), JobCount(task: "b", state: .queued, count: 1),
                ])
        },
        JobStoreContractCheck("anExpiredJobIsGoneFromEveryReadBeforeItIsPurged") { store in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: at(10))
            _ = try await store.finish(
                job.id, claim: claim("n1"), outcome: .completed(result: []), exitStatus: "exit status 0",
                now: at(20), expiresAt: at(100))
            #expect(try await store.job(job.id, now: at(100)) == nil)
            #expect(try await store.list(JobFilter(), now: at(100)).isEmpty)
            #expect(try await store.counts(now: at(100)).isEmpty)
            let result = try await store.requestTermination(of: job.id, message: "x", now: at(100), expiresAt: at(200))
            #expect(result == .notFound)
            // Not purged yet: still readable at an earlier time.
            #expect(try await store.job(job.id, now: at(99))?.state == .completed)
        },
        JobStoreContractCheck("purgeDeletesExpiredResultsAndReportsTheNextExpiry") { store in
            #expect(try await store.purgeExpired(now: at(0)) == nil)
            var ids: [JobID] = []
            for index in 1...3 { ids.append(try await submit(store, "a", at: Int64(index)).id) }
            let queued = try await submit(store, "a", at: 4)
            _ = try await store.claim(slots: ["a": 3], node: "n1", now: .now)
            for (index, id) in ids.enumerated() {
                _ = try await store.finish(
                    id, claim: claim("n1"), outcome: .failed(message: "boom"), exitStatus: "exit status 3",
                    now: at(50), expiresAt: at(Int64(100 * (index + 1))))
            }
            let next = try await store.purgeExpired(now: at(200))
            #expect(next == at(300))
            let left = try await store.list(JobFilter(), now: at(0))
            #expect(left.map(\.id) == [queued.id, ids[2]])
            #expect(try await store.purgeExpired(now: at(300)) == nil)
            #expect(try await store.list(JobFilter(), now: at(0)).map(\.id) == [queued.id])
        },
    ]
}
