import TendJobs
import Testing

extension JobStoreContract {
    /// Checks of what `subscribe()` streams carry (the store's own changes; other nodes' are store-specific).
    static let announcing: [JobStoreContractCheck] = [
        JobStoreContractCheck("aSubmissionIsAnnouncedToTheStoresSubscribers") { store in
            let events = store.subscribe()
            _ = try await store.submit(JobSubmission(task: "wake", input: Array("{}".utf8)))
            #expect(await firstEvent(of: events) { $0 == .submitted(task: "wake") } != nil)
        },
        JobStoreContractCheck("claimProgressFinishAndRequeueAreAnnounced") { store in
            let first = try await submit(store, "a", at: 1)
            let second = try await submit(store, "a", at: 2)
            let events = store.subscribe()
            _ = try await store.claim(slots: ["a": 2], node: "n1", now: at(10))
            #expect(await firstEvent(of: events) { $0 == .started([first.id, second.id]) } != nil)
            try await store.recordProgress(Array("{\"step\":1}".utf8), of: first.id, claim: claim("n1"))
            #expect(await firstEvent(of: events) { $0 == .progressed(first.id) } != nil)
            _ = try await store.finish(
                first.id, claim: claim("n1"), outcome: .completed(result: []), exitStatus: nil, now: at(20),
                expiresAt: at(900))
            #expect(await firstEvent(of: events) { $0 == .finished(first.id, expiresAt: at(900)) } != nil)
            _ = try await store.requeue(second.id, claim: claim("n1"))
            #expect(await firstEvent(of: events) { $0 == .submitted(task: "a") } != nil)
        },
        JobStoreContractCheck("terminationRequestsAreAnnounced") { store in
            let queued = try await submit(store, "a", at: 1)
            let running = try await submit(store, "b", at: 2)
            _ = try await store.claim(slots: ["b": 1], node: "runner", now: at(10))
            let events = store.subscribe()
            _ = try await store.requestTermination(of: queued.id, message: "x", now: at(20), expiresAt: at(700))
            #expect(await firstEvent(of: events) { $0 == .finished(queued.id, expiresAt: at(700)) } != nil)
            _ = try await store.requestTermination(of: running.id, message: "x", now: at(20), expiresAt: at(700))
            #expect(await firstEvent(of: events) { $0 == .terminationRequested(running.id, node: "runner") } != nil)
        },
    ]
}
