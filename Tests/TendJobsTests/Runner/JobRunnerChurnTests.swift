import JobTestSupport
import TendConfig
import Testing

@testable import TendJobs

/// Many short jobs back to back: descriptor numbers are reused at once, which is what used to crash the
/// Dispatch-based watcher now and then. Every job must complete with its result.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JobRunnerChurnTests {
    @Test func sixHundredShortJobsAllComplete() async throws {
        var spec = TaskSpec(
            name: "short", command: "sh", arguments: ["/bin/sh", "-c", "echo '{\"n\": 1}'; echo log >&2"])
        spec.concurrency = 4
        let fixture = try await JobsFixture(tasks: [spec])
        var ids: [JobID] = []
        for _ in 0..<600 { ids.append(try await fixture.submit()) }
        for id in ids {
            let job = try await fixture.waitUntilFinished(id)
            #expect(job.state == .completed)
            #expect(job.resultText == "{\"n\": 1}\n")
        }
        await fixture.stop()
    }
}
