import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kill -9` of the daemon while jobs run and wait: after a restart every job is finished, requeued or marked
/// crashed (per `on_interrupt`), none is lost, none runs twice at once.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct JobRecoveryTests {
    @Test func killNineThenRestartRequeuesOrFailsEveryInterruptedJob() async throws {
        let daemon = try DaemonFixture(
            programs: #"""
                [task:keep]
                command = /bin/sh -c 'echo "$TEND_JOB_ID" >> %(here)s/runs.txt; exec sleep 600'
                on_interrupt = requeue
                concurrency = 1

                [task:drop]
                command = /bin/sleep 600
                on_interrupt = fail
                """#)
        defer { daemon.tearDown() }
        try daemon.start()
        func submit(_ task: String) throws -> String {
            try #require(try daemon.http("POST", "/task", #"{"task": "\#(task)"}"#).json["task_id"] as? String)
        }
        func job(_ id: String) throws -> [String: Any] { try daemon.http("GET", "/api/v1/jobs/\(id)").json }
        let first = try submit("keep")
        let waiting = try submit("keep")
        let dropped = try submit("drop")
        _ = try await daemon.waitForAnswer("/api/v1/jobs/\(first)") { $0.json["pid"] != nil }
        _ = try await daemon.waitForAnswer("/api/v1/jobs/\(dropped)") { $0.json["pid"] != nil }
        let oldPIDs = [try job(first)["pid"] as? Int, try job(dropped)["pid"] as? Int].compactMap { $0 }.map(Int32.init)
        #expect(oldPIDs.count == 2)

        kill(try #require(daemon.daemonPID), SIGKILL)
        try await Task.sleep(for: .milliseconds(200))
        #expect(oldPIDs.allSatisfy(isAlive), "the job processes outlive a killed daemon")
        let found = try daemon.tend(["processes"]).lines
        #expect(oldPIDs.allSatisfy { found.contains("Found process \($0)") }, "tend processes lists them: \(found)")
        try daemon.start()

        let crashed = try await daemon.waitForAnswer("/status/\(dropped)") { $0.status != 202 }
        #expect(
            crashed.status == 402 && (crashed.json["message"] as? String)?.hasPrefix("interrupted") == true,
            "\(crashed)")
        let rerun = try await daemon.waitForAnswer("/api/v1/jobs/\(first)") {
            $0.json["state"] as? String == "running" && $0.json["attempts"] as? Int == 2 && $0.json["pid"] != nil
        }
        #expect(!oldPIDs.contains(Int32(rerun.json["pid"] as? Int ?? 0)))
        #expect(oldPIDs.allSatisfy { !isAlive($0) }, "recovery stopped the leftover processes")
        #expect(try job(waiting)["state"] as? String == "queued", "it waits behind the requeued job")
        let runs = try String(contentsOfFile: daemon.directory + "/runs.txt", encoding: .utf8)
        #expect(runs == "\(first)\n\(first)\n", "the requeued job ran again, alone")
    }
}
