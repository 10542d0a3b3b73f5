import JobTestSupport
import TendConfig
import Testing

@testable import TendJobs

/// `waitUntilIdle()`: the signal that only a store event can give the runner work now.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct JobRunnerIdleTests {
    @Test func aRunnerIsIdleOnceStartedBusyWhileAJobRunsAndIdleAgainOnceItsOutcomeIsWritten() async throws {
        let fixture = try await JobsFixture(tasks: [shellTask("long", "sleep 30")])
        try await within(.seconds(10), waitingFor: "the runner to start idle") {
            await fixture.runner.waitUntilIdle()
        }
        let id = try await fixture.submit("long")
        try await fixture.waitFor(id, "running") { $0.state == .running }
        #expect(await !fixture.runner.isIdle, "a runner with a job running is not idle")
        #expect(try await fixture.service.terminate(id).state == .running)
        try await within(.seconds(10), waitingFor: "the runner to be idle after the job") {
            await fixture.runner.waitUntilIdle()
        }
        #expect(await fixture.runner.runningJobIDs.isEmpty)
        #expect(try await fixture.store.job(id, now: .now)?.state == .terminated, "the outcome is written first")
        await fixture.stop()
    }

    @Test func aCancelledWaitReturns() async throws {
        let fixture = try await JobsFixture(tasks: [shellTask("long", "sleep 30")])
        let id = try await fixture.submit("long")
        try await fixture.waitFor(id, "running") { $0.state == .running }
        let waiter = Task { await fixture.runner.waitUntilIdle() }
        waiter.cancel()
        await waiter.value
        #expect(await !fixture.runner.isIdle)
        await fixture.stop()
    }
}
