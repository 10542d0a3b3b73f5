import Foundation
import JobTestSupport
import TendAPI
import TendConfig
import Testing

@testable import TendJobs

/// Each final state, end to end: a real runner, a SQLite store, `/bin/sh` commands.
@Suite(
    .serialized, .timeLimit(.minutes(2)))
struct JobRunnerOutcomeTests {
    @Test func jobReadsItsInputAndEnvironmentAndItsStdoutIsTheResult() async throws {
        let fixture = try await JobsFixture(tasks: [
            shellTask(
                "echo",
                #"read -r line; printf "{\"input\":%s,\"id\":\"%s\",\"task\":\"%s\"}" "$line" "$TEND_JOB_ID" "$TEND_TASK_NAME""#
            )
        ])
        let id = try await fixture.submit("echo", #"{"n":42}"#)
        let job = try await fixture.waitUntilFinished(id)
        #expect(job.state == .completed)
        #expect(job.exitStatus == "exit status 0")
        #expect(job.attempts == 1)
        #expect(JSONValue.parsing(job.resultText) == .parsing(#"{"input":{"n":42},"id":"\#(id)","task":"echo"}"#))
        let report = try #require(try await fixture.service.status(of: id))
        #expect(report.state == .completed)
        #expect(report.body == .parsing(#"{"status":"COMPLETE","input":{"n":42},"id":"\#(id)","task":"echo"}"#))
        await fixture.stop()
    }

    @Test func emptyStdoutCompletesWithNoResultFields() async throws {
        let fixture = try await JobsFixture(tasks: [
            TaskSpec(name: "true", command: "/bin/true", arguments: ["/bin/true"])
        ])
        let id = try await fixture.submit()
        #expect(try await fixture.waitUntilFinished(id).state == .completed)
        let report = try #require(try await fixture.service.status(of: id))
        #expect(report.state == .completed)
        #expect(report.body == .parsing(#"{"status":"COMPLETE"}"#))
        await fixture.stop()
    }

    @Test func errorExitCodeIsTheTasksOwnErrorWithItsNameAndLastStderrLine() async throws {
        let fixture = try await JobsFixture(tasks: [
            shellTask("tbn", "echo first >&2; echo \"bad monomer a*\" >&2; exit 3") {
                $0.errorExitCodes = [3]
                $0.errorName = "TBNException"
            }
        ])
        let id = try await fixture.submit("tbn")
        let job = try await fixture.waitUntilFinished(id)
        #expect(job.state == .failed)
        #expect(job.message == "bad monomer a*")
        #expect(job.exitStatus == "exit status 3")
        let report = try #require(try await fixture.service.status(of: id))
        #expect(report.state == .failed)
        #expect(report.body == .parsing(#"{"status":"TBNException","message":"bad monomer a*"}"#))
        await fixture.stop()
    }

    @Test func otherExitCodesSignalsBadOutputAndMissingCommandsAreExceptions() async throws {
        let fixture = try await JobsFixture(tasks: [
            shellTask("exit", "echo \"Traceback: boom\" >&2; exit 2") { $0.errorExitCodes = [3] },
            shellTask("signal", "kill -SEGV $$"),
            shellTask("garbage", "echo not json"),
            TaskSpec(name: "missing", command: "/no/such/program", arguments: ["/no/such/program"]),
        ])
        let exit = try await fixture.submit("exit")
        let signal = try await fixture.submit("signal")
        let garbage = try await fixture.submit("garbage")
        let missing = try await fixture.submit("missing")
        let exitJob = try await fixture.waitUntilFinished(exit)
        #expect(exitJob.state == .crashed)
        #expect(exitJob.message == "Traceback: boom")
        let signalJob = try await fixture.waitUntilFinished(signal)
        #expect(signalJob.state == .crashed)
        #expect(signalJob.exitStatus == "terminated by SIGSEGV")
        let garbageJob = try await fixture.waitUntilFinished(garbage)
        #expect(garbageJob.state == .crashed)
        #expect(garbageJob.message?.hasPrefix("the job's output is not JSON") == true)
        let missingJob = try await fixture.waitUntilFinished(missing)
        #expect(missingJob.state == .crashed)
        #expect(missingJob.message == "couldn't start the job: can't find command '/no/such/program'")
        for id in [exit, signal, garbage, missing] {
            let report = try #require(try await fixture.service.status(of: id))
            #expect(report.state == .crashed)
            #expect(report.body["status"] == .string("Exception"))
        }
        await fixture.stop()
    }

    @Test func resultLargerThanTheLimitIsAnException() async throws {
        let fixture = try await JobsFixture(tasks: [shellTask("big", "head -c 100000 /dev/zero | tr \"\\\\0\" a")])
        let id = try await fixture.submit("big")
        let job = try await fixture.waitUntilFinished(id)
        #expect(job.state == .crashed)
        #expect(job.message == "the job's result is larger than 65536 bytes")
        await fixture.stop()
    }

    @Test func largeInputIsFedWithoutBlockingTheRunner() async throws {
        let fixture = try await JobsFixture(tasks: [shellTask("count", "printf \"{\\\"bytes\\\":%s}\" $(wc -c)")])
        let payload = "\"" + String(repeating: "x", count: 500_000) + "\""
        let id = try await fixture.submit("count", payload)
        let job = try await fixture.waitUntilFinished(id)
        #expect(job.state == .completed)
        #expect(JSONValue.parsing(job.resultText) == .parsing(#"{"bytes":500002}"#))
        await fixture.stop()
    }
}
