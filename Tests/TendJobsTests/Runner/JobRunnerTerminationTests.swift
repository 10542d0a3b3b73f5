import Foundation
import JobTestSupport
import TendAPI
import TendConfig
import Testing

@testable import TendJobs

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
        #expect(report.state == .failed)
        #expect(
            report.body
                == .parsing(#"{"status":"TBNException","message":"Early Termination at count [1] min polymers [2]."}"#))
        await fixture.stop()
    }

    @Test func anyOtherExitAfterTheRequestIsTerminated() async throws {
        let fixture = try await JobsFixture(tasks: [trapping("other", "echo stopping >&2; exit 5")])
        let (job, report) = try await terminated(fixture, "other")
        #expect(job.state == .terminated, "\(job)")
        #expect(job.message == "terminated on request (exit status 5)")
        #expect(report.state == .terminated && report.body["status"] == .string("Exception"))
        await fixture.stop()
    }

    @Test func aJobThatHadToBeKilledIsTerminated() async throws {
        // It ignores SIGTERM; the runner sends SIGKILL after the grace period.
        let fixture = try await JobsFixture(tasks: [trapping("stubborn", "")])
        let (job, report) = try await terminated(fixture, "stubborn")
        #expect(job.state == .terminated, "\(job)")
        #expect(job.exitStatus == "terminated by SIGKILL")
        #expect(report.state == .terminated && report.body["status"] == .string("Exception"))
        await fixture.stop()
    }

    /// Fifos in the fixture's directory: the job writes a line to `started` (the test reads it: the job runs),
    /// then blocks reading `gate` until the test writes to it.
    private func fifos(_ fixture: JobsFixture) throws -> (started: String, gate: String) {
        let paths = (fixture.directory.file("started"), fixture.directory.file("gate"))
        let mkfifo = try Process.run(URL(fileURLWithPath: "/usr/bin/mkfifo"), arguments: [paths.0, paths.1])
        mkfifo.waitUntilExit()
        #expect(mkfifo.terminationStatus == 0)
        return paths
    }

    /// Opens a fifo (which blocks until the other side opens it) on a Dispatch thread, off the test's executor.
    private func blocking(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func waitStarted(_ started: String) async throws {
        try await blocking {
            guard let handle = FileHandle(forReadingAtPath: started) else { throw CocoaError(.fileReadUnknown) }
            _ = handle.readDataToEndOfFile()
            try handle.close()
        }
    }

    private func open(_ gate: String) async throws {
        try await blocking {
            guard let handle = FileHandle(forWritingAtPath: gate) else { throw CocoaError(.fileWriteUnknown) }
            handle.write(Data("go\n".utf8))
            try handle.close()
        }
    }

    @Test func withStopWhenReadyARequestBeforeTheFirstProgressLineWaitsForIt() async throws {
        // The trap is set only after the gate opens; a SIGTERM before that would kill the job.
        let fixture = try await JobsFixture(tasks: [
            shellTask(
                "ready",
                #"echo started > "$WORK/started"; read -r _ < "$WORK/gate"; trap 'echo "Early Termination at count [0] min polymers [0]." >&2; exit 3' TERM; echo "{\"count\":0}" >&3; sleep 30 & wait $!"#
            ) {
                $0.errorExitCodes = [3]
                $0.errorName = "TBNException"
                $0.stopsWhenReady = true
            }
        ])
        let (started, gate) = try fifos(fixture)
        let id = try await fixture.submit("ready")
        try await waitStarted(started)
        _ = try await fixture.service.terminate(id)
        try await open(gate)
        let job = try await fixture.waitUntilFinished(id)
        #expect(job.state == .failed && job.message == "Early Termination at count [0] min polymers [0].", "\(job)")
        #expect(try await fixture.service.status(of: id)?.state == .failed)
        await fixture.stop()
    }

    @Test func withStopWhenReadyAJobThatEndsBeforeItIsReadyIsClassifiedAsIfNoRequestCame() async throws {
        let fixture = try await JobsFixture(tasks: [
            shellTask("quick", #"echo started > "$WORK/started"; read -r _ < "$WORK/gate"; echo "{\"done\":1}""#) {
                $0.stopsWhenReady = true
            }
        ])
        let (started, gate) = try fifos(fixture)
        let id = try await fixture.submit("quick")
        try await waitStarted(started)
        _ = try await fixture.service.terminate(id)
        try await open(gate)
        let job = try await fixture.waitUntilFinished(id)
        #expect(job.state == .completed && JSONValue.parsing(job.resultText) == .parsing(#"{"done":1}"#), "\(job)")
        await fixture.stop()
    }

    @Test func withStopWhenReadyAnExit0AfterTheRequestIsCompleted() async throws {
        let fixture = try await JobsFixture(tasks: [
            trapping("finishes", #"echo "{\"done\":1}"; exit 0"#).with { $0.stopsWhenReady = true }
        ])
        let (job, report) = try await terminated(fixture, "finishes")
        #expect(job.state == .completed && JSONValue.parsing(job.resultText) == .parsing(#"{"done":1}"#), "\(job)")
        #expect(report.state == .completed)
        await fixture.stop()
    }

    @Test func withoutStopWhenReadyAnExit0AfterTheRequestIsTerminated() async throws {
        let fixture = try await JobsFixture(tasks: [trapping("finishes", #"echo "{\"done\":1}"; exit 0"#)])
        let (job, _) = try await terminated(fixture, "finishes")
        #expect(job.state == .terminated && job.message == "terminated on request (exit status 0)", "\(job)")
        await fixture.stop()
    }
}

extension TaskSpec {
    /// The spec changed by `change`.
    fileprivate func with(_ change: (inout TaskSpec) -> Void) -> TaskSpec {
        var spec = self
        change(&spec)
        return spec
    }
}
