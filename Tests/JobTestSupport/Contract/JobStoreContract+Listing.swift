import TendJobs
import Testing

extension JobStoreContract {
    /// Checks of `list` and `runningJobs`.
    static let listing: [JobStoreContractCheck] = [
        JobStoreContractCheck("listReturnsUnexpiredMatchingJobsNewestFirst") { store in
            let a1 = try await submit(store, "a", at: 1)
            let b1 = try await submit(store, "b", at: 2)
            let a2 = try await submit(store, "a", at: 3)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: .now)
            let now = JobTimestamp.now
            #expect(try await store.list(JobFilter(), now: now).map(\.id) == [a2.id, b1.id, a1.id])
            #expect(try await store.list(JobFilter(task: "a"), now: now).map(\.id) == [a2.id, a1.id])
            #expect(try await store.list(JobFilter(states: [.running]), now: now).map(\.id) == [a1.id])
            let live = JobFilter(states: [.queued, .running], limit: 2)
            #expect(try await store.list(live, now: now).map(\.id) == [a2.id, b1.id])
            #expect(try await store.list(JobFilter(task: "a", states: [.queued]), now: now).map(\.id) == [a2.id])
            #expect(try await store.list(JobFilter(node: "n1"), now: now).map(\.id) == [a1.id])
            #expect(try await store.list(JobFilter(states: []), now: now).isEmpty)
            #expect(try await store.list(JobFilter(limit: 0), now: now).isEmpty)
            #expect(try await store.list(JobFilter(task: "none"), now: now).isEmpty)
        },
        JobStoreContractCheck("runningJobsAreTheJobsThatANodeRunsOldestFirst") { store in
            let a1 = try await submit(store, "a", at: 1)
            let b1 = try await submit(store, "b", at: 2)
            let a2 = try await submit(store, "a", at: 3)
            _ = try await submit(store, "a", at: 4)
            _ = try await store.claim(slots: ["a": 1], node: "n2", now: at(10))
            _ = try await store.claim(slots: ["a": 1, "b": 1], node: "n1", now: at(10))
            #expect(try await store.runningJobs(of: "n1").map(\.id) == [b1.id, a2.id])
            #expect(try await store.runningJobs(of: "n2").map(\.id) == [a1.id])
            #expect(try await store.runningJobs(of: "n3").isEmpty)
            _ = try await store.finish(
                b1.id, claim: claim("n1"), outcome: .completed(result: []), exitStatus: nil, now: at(20),
                expiresAt: at(900))
            #expect(try await store.runningJobs(of: "n1").map(\.id) == [a2.id])
        },
    ]
}
