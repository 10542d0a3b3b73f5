import Foundation
import JobTestSupport
import TendConfig
import Testing

@testable import TendJobs
import TendAPI

/// Terminating a running job: a job that handles its stop signal and exits with one of its task's
/// `error_exit_codes` reports that error (the StableConfigs server's `Early Termination`); a job that exits any
/// other way, or has to be killed, is `terminated`.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JobRunnerTerminationTests {
    /// A task that traps SIGTERM with `onTerm`, reports progress once the trap is set, then waits.
    private func trapping(_ name: String, _ onTerm: String) -> TaskSpec {
        shellTask(name, "trap '\(onTerm)' TERM; echo \"{\\\"ready\\\":1}\" >&3; sleep 30 & wait $!") {
            $0.errorExitCodes = [3]
            $0.errorName = "TBNException"
            $0.grace = 1
        }
    }

    /// Submits a job of `task`, waits until it runs with its trap set, asks it to stop and waits for its end.
    private func terminated(_ fixture: JobsFixture, _ task: String) async throws -> (Job, JobStatusReport) {
        let id = try await fixture.submit(task)
        try await fixture.waitFor(id, "progress") { $0.state == .running && $0.progress != nil && $0.process != nil }
        let request = try await fixture.service.terminate(id)
        #expect(request.body == .parsing(#"{"status":"terminating task: \#(id)"}"#))
        let job = try await fixture.waitUntilFinished(id)
        return (job, try #require(try await fixture.service.status(of: id)))
    }

    @Test func anErrorExitAfterTheRequestIsTheTasksOwnError() async throws {
        let fixture = try await JobsFixture(tasks: [
            trapping("cooperative", #"echo "Early Termination at count [1] min polymers [2]." >&2; exit 3"#)
        ])
        let (job, report) = try await terminated(fixture, "cooperative")
        #expect(job.state == .failed, "\(job)")
        #expect(job.terminationRequested)
        #expect(job.exitStatus == "exit status 3")
        #expect(report.statusCode == 401)
        #expect(report.body == .parsing(#"{"status":"TBNException","message":"Early Termination at count [1] min polymers [2]."}"#))
        await fixture.stop()
    }

    @Test func anyOtherExitAfterTheRequestIsTerminated() async throws {
        let fixture = try await JobsFixture(tasks: [trapping("other", "echo stopping >&2; exit 5")])
        let (job, report) = try await terminated(fixture, "other")
        #expect(job.state == .terminated, "\(job)")
        #expect(job.message == "terminated on request (exit status 5)")
        #expect(report.statusCode == 402 && report.body["status"] == .string("Exception"))
        await fixture.stop()
    }

    @Test func aJobThatHadToBeKilledIsTerminated() async throws {
        // It ignores SIGTERM; the runner sends SIGKILL after the grace period.
        let fixture = try await JobsFixture(tasks: [trapping("stubborn", "")])
        let (job, report) = try await terminated(fixture, "stubborn")
        #expect(job.state == .terminated, "\(job)")
        #expect(job.exitStatus == "terminated by SIGKILL")
        #expect(report.statusCode == 402 && report.body["status"] == .string("Exception"))
        await fixture.stop()
    }
}
