import TendJobs
import Testing

extension JobStoreContract {
    /// Checks of `submit`.
    static let submitting: [JobStoreContractCheck] = [
        JobStoreContractCheck("submitQueuesTheJobAsSubmitted") { store in
            let submission = JobSubmission(task: "a", input: Array("{\"x\":1}".utf8), submittedAt: at(5))
            let job = try await store.submit(submission)
            #expect(job.id == submission.id)
            #expect(job.state == .queued)
            #expect(job.attempts == 0)
            #expect(job.node == nil && job.startedAt == nil && job.expiresAt == nil)
            let stored = try await store.job(submission.id, now: at(10))
            #expect(stored == job)
            // A queued job has no result yet, so it never expires.
            #expect(try await store.job(submission.id, now: .now.adding(seconds: 86_400 * 365))?.state == .queued)
        },
        JobStoreContractCheck("aSecondSubmissionWithTheSameIDIsRefusedAndKeepsTheFirst") { store in
            let first = JobSubmission(task: "a", input: Array("{\"first\":true}".utf8), submittedAt: at(1))
            _ = try await store.submit(first)
            var second = JobSubmission(task: "b", input: Array("{}".utf8), submittedAt: at(2))
            second.id = first.id
            await #expect(throws: JobStoreError.self) { _ = try await store.submit(second) }
            let kept = try await store.job(first.id, now: at(3))
            #expect(kept?.task == "a")
            #expect(kept?.input == first.input)
            #expect(try await store.counts(now: at(3)) == [JobCount(task: "a", state: .queued, count: 1)])
        },
    ]
}
