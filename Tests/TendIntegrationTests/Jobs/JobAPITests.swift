import Foundation
import Testing

/// The seed's three endpoints against a real daemon: every status code and state, progress, concurrency,
/// termination in each state, result expiry and bad requests.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct JobAPITests {
    static let tasks = #"""
        [task:echo]
        command = /bin/cat
        default = true

        [task:tbn]
        command = /bin/sh -c 'cat > /dev/null; echo "Input contains no monomers." >&2; exit 3'
        error_exit_codes = 3
        error_name = TBNException

        [task:crash]
        command = /bin/sh -c 'echo boom >&2; exit 1'

        [task:slow]
        command = /bin/sh -c 'echo "{\"count\": 2, \"k\": 5}" >&3; exec sleep 60'
        timeout = 1
        grace = 1

        [task:hold]
        command = /bin/sh -c 'echo "{\"count\": 1, \"k\": 3}" >&3; exec sleep 60'
        concurrency = 1

        [task:brief]
        command = /bin/cat
        result_ttl = 5
        """#

    /// Submits `body` with `POST /task` and returns the task id.
    private func submit(_ daemon: DaemonFixture, _ body: String) throws -> String {
        let answer = try daemon.http("POST", "/task", body)
        #expect(answer.status == 202, "\(answer)")
        return try #require(answer.json["task_id"] as? String, "\(answer)")
    }

    private func finalStatus(_ daemon: DaemonFixture, _ id: String) async throws -> HTTPAnswer {
        try await daemon.waitForAnswer("/status/\(id)") { $0.status != 202 }
    }

    @Test func everyFinalStateHasTheSeedsStatusCode() async throws {
        let daemon = try DaemonFixture(programs: Self.tasks)
        defer { daemon.tearDown() }
        try daemon.start()

        let done = try await finalStatus(daemon, try submit(daemon, #"{"monomers": [["a", "b"]], "gen": 2}"#))
        #expect(done.status == 200)
        #expect(done.json["status"] as? String == "COMPLETE" && done.json["gen"] as? Int == 2, "\(done)")
        #expect((done.json["monomers"] as? [[String]]) == [["a", "b"]])

        let tbn = try await finalStatus(daemon, try submit(daemon, #"{"task": "tbn", "monomers": []}"#))
        #expect(tbn.status == 401)
        #expect(tbn.json["status"] as? String == "TBNException")
        #expect(tbn.json["message"] as? String == "Input contains no monomers.")

        let crash = try await finalStatus(daemon, try submit(daemon, #"{"task": "crash"}"#))
        #expect(crash.status == 402 && crash.json["status"] as? String == "Exception", "\(crash)")
        #expect((crash.json["message"] as? String)?.contains("boom") == true, "\(crash)")

        // (202 with the progress while it runs: see the terminate test, whose job has no timeout.)
        let slow = try submit(daemon, #"{"task": "slow"}"#)
        let timedOut = try await finalStatus(daemon, slow)
        #expect(timedOut.status == 400 && timedOut.json["status"] as? String == "TimedOut", "\(timedOut)")
        #expect((timedOut.json["message"] as? String)?.contains("timeout") == true, "\(timedOut)")
        let record = try daemon.http("GET", "/api/v1/jobs/\(slow)").json
        #expect(record["state"] as? String == "timed_out", "\(record)")
        #expect((record["progress"] as? [String: Int]) == ["count": 2, "k": 5], "its last progress is kept: \(record)")
    }

    @Test func terminateStopsARunningJobAndAQueuedOneNeverStarts() async throws {
        let daemon = try DaemonFixture(programs: Self.tasks)
        defer { daemon.tearDown() }
        try daemon.start()
        let running = try submit(daemon, #"{"task": "hold"}"#)
        let queued = try submit(daemon, #"{"task": "hold"}"#)
        let progress = try await daemon.waitForAnswer("/status/\(running)") { $0.json["k"] != nil }
        #expect(progress.status == 202 && progress.json["count"] as? Int == 1)
        // concurrency = 1: the second job waits, with no progress yet.
        let waiting = try daemon.http("GET", "/status/\(queued)")
        #expect(waiting.status == 202 && waiting.json.count == 1, "\(waiting)")
        let pid = try #require(try daemon.http("GET", "/api/v1/jobs/\(running)").json["pid"] as? Int)
        #expect(isAlive(Int32(pid)))

        let cancelQueued = try daemon.http("DELETE", "/terminate/\(queued)")
        #expect(cancelQueued.status == 200 && cancelQueued.json["status"] as? String == "terminating task: \(queued)")
        let stopped = try daemon.http("GET", "/status/\(queued)")
        #expect(stopped.status == 402 && stopped.json["status"] as? String == "Exception", "\(stopped)")
        let neverRan = try daemon.http("GET", "/api/v1/jobs/\(queued)").json
        #expect(
            neverRan["state"] as? String == "terminated" && neverRan["attempts"] as? Int == 0
                && neverRan["started_at"] == nil)

        let cancelRunning = try daemon.http("DELETE", "/terminate/\(running)")
        #expect(
            cancelRunning.status == 200 && cancelRunning.json["status"] as? String == "terminating task: \(running)")
        let ended = try await finalStatus(daemon, running)
        #expect(ended.status == 402 && (ended.json["message"] as? String)?.contains("terminated on request") == true)
        #expect(!isAlive(Int32(pid)))

        // A finished job stays as it ended.
        let finished = try submit(daemon, "{}")
        #expect(try await finalStatus(daemon, finished).status == 200)
        #expect(try daemon.http("DELETE", "/terminate/\(finished)").status == 200)
        #expect(try daemon.http("GET", "/status/\(finished)").json["status"] as? String == "COMPLETE")
        #expect(try daemon.http("DELETE", "/terminate/no-such-job").status == 404)
    }

    @Test func badRequestsQueueNothing() throws {
        let daemon = try DaemonFixture(programs: Self.tasks)
        defer { daemon.tearDown() }
        try daemon.start()
        let notJSON = try daemon.http("POST", "/task", "monomers: a")
        #expect(notJSON.status == 400 && (notJSON.json["error"] as? String)?.contains("not JSON") == true, "\(notJSON)")
        let unknown = try daemon.http("POST", "/task", #"{"task": "nope"}"#)
        #expect(unknown.status == 404 && unknown.json["error"] as? String == "no task named 'nope' is configured")
        let badTask = try daemon.http("POST", "/task", #"{"task": 3}"#)
        #expect(badTask.status == 400, "\(badTask)")
        let large = try daemon.http("POST", "/task", "[" + String(repeating: "1,", count: 600_000) + "1]")
        #expect(large.status == 413, "\(large)")
        #expect(try daemon.http("GET", "/status/no-such-job").status == 404)
        let listed = try daemon.http("GET", "/api/v1/jobs").json["jobs"] as? [Any]
        #expect(listed?.isEmpty == true, "nothing was queued")
        #expect(try daemon.http("GET", "/api/v1/jobs?state=sleeping").status == 400)
    }

    @Test func aFinishedResultExpiresAfterItsTTL() async throws {
        let daemon = try DaemonFixture(programs: Self.tasks)
        defer { daemon.tearDown() }
        try daemon.start()
        let id = try submit(daemon, #"{"task": "brief"}"#)
        #expect(try await finalStatus(daemon, id).status == 200)
        let gone = try await daemon.waitForAnswer("/status/\(id)", timeout: .seconds(20)) { $0.status == 404 }
        #expect(gone.json["error"] as? String == "no job '\(id)' (unknown, or its result expired)")
    }

    @Test func aDaemonWithoutTasksSaysHowToAddThem() throws {
        let daemon = try DaemonFixture(programs: "")
        defer { daemon.tearDown() }
        try daemon.start()
        let answer = try daemon.http("POST", "/task", "{}")
        #expect(answer.status == 404 && (answer.json["error"] as? String)?.contains("[task:NAME]") == true)
        #expect(!FileManager.default.fileExists(atPath: daemon.directory + "/tend-jobs.sqlite"))
    }

    @Test func updateAppliesChangedTasksAndStartsTheQueueWhenTheFirstAppears() async throws {
        let daemon = try DaemonFixture(programs: "")
        defer { daemon.tearDown() }
        try daemon.start()
        #expect(try daemon.http("POST", "/task", "{}").status == 404)
        try daemon.writeConfig(programs: "[task:added]\ncommand = /bin/cat\n")
        #expect(try daemon.tend(["update"]).status == 0)
        let id = try submit(daemon, #"{"n": 1}"#)
        #expect(try await finalStatus(daemon, id).json["n"] as? Int == 1)
        try daemon.writeConfig(programs: "[task:added]\ncommand = /bin/cat\n\n[task:second]\ncommand = /bin/cat\n")
        #expect(try daemon.tend(["update"]).status == 0)
        let second = try submit(daemon, #"{"task": "second"}"#)
        #expect(try await finalStatus(daemon, second).status == 200)
    }
}
