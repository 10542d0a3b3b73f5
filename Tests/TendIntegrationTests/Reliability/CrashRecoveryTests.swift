import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension ReliabilitySuite {
    /// kill -9 of a daemon with 100 programs and 20 running jobs, then `tend up`, three rounds: nothing the old
    /// daemon started is left unowned, every accepted job is known, the interrupted jobs run again and finish,
    /// and no job ever runs twice at once.
    @Suite struct CrashRecoveryTests {
        static let programs = 100
        static let runningJobs = 20
        static let rounds = 3

        /// Every program, job and descendant carries `RELIABILITY_MARK` (inherited), so /proc shows what came from
        /// this daemon. A job takes a lock on a file named after its id for its whole life (its `sleep` inherits
        /// the descriptor): a second run of the same job while the first one lives fails to take it and says so.
        private static func config(mark: String) -> String {
            #"""
            [program:p]
            command = /bin/sh -c 'while :; do sleep 30; done'
            process_name = %(program_name)s_%(process_num)03d
            numprocs = \#(programs)
            startsecs = 0
            environment = RELIABILITY_MARK="\#(mark)"

            [task:work]
            command = /bin/sh -c 'exec 9>>%(here)s/lock.$TEND_JOB_ID; flock -n 9 || { echo "overlap $TEND_JOB_ID $$" >> %(here)s/marks; exit 3; }; echo "start $TEND_JOB_ID $$" >> %(here)s/marks; sleep 4; echo "end $TEND_JOB_ID $$" >> %(here)s/marks'
            concurrency = \#(runningJobs)
            on_interrupt = requeue
            environment = RELIABILITY_MARK="\#(mark)"
            """#
        }

        @Test func killNineWithProgramsAndRunningJobsLeavesNoOrphanAndLosesNoJob() async throws {
            let mark = "crash-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let daemon = try DaemonFixture(programs: Self.config(mark: mark))
            defer { Self.tearDown(daemon, mark: mark) }
            try await daemon.startOffThread()
            var accepted: [String] = []
            var figures: [String] = []
            for round in 1...Self.rounds {
                _ = try await daemon.waitForPrograms(Self.programs)
                let ids = try (0..<Self.runningJobs).map { _ in
                    try #require(try daemon.http("POST", "/task", #"{"task": "work"}"#).json["task_id"] as? String)
                }
                accepted += ids
                let running = try await jobPIDs(ids, daemon)
                let before = ReliabilityProcessTable.processes(withEnvironment: "RELIABILITY_MARK=\(mark)")
                #expect(before.count >= Self.programs + Self.runningJobs, "round \(round): \(before.count) processes")

                kill(try #require(daemon.daemonPID), SIGKILL)
                let killed = ContinuousClock.now
                try await daemon.startOffThread()
                let programs = try await daemon.waitForPrograms(Self.programs)
                // The interrupted jobs run again, with new processes (the old ones were ended first).
                let rerun = try await jobPIDs(ids, daemon, otherThan: Set(running.values))
                let recovered = ContinuousClock.now - killed

                let oldOnesLeft = before.filter(\.isAlive)
                let known = Set(programs.values).union(rerun.values)
                let unowned = ReliabilityProcessTable.processes(withEnvironment: "RELIABILITY_MARK=\(mark)").filter {
                    !known.contains($0.processGroup) && $0.isAlive
                }
                #expect(
                    oldOnesLeft.isEmpty, "round \(round): the old daemon's processes outlived recovery: \(oldOnesLeft)")
                #expect(unowned.isEmpty, "round \(round): processes no daemon owns: \(unowned)")
                let unknown = try accepted.filter { try daemon.http("GET", "/api/v1/jobs/\($0)").status != 200 }
                #expect(unknown.isEmpty, "round \(round): accepted jobs the new daemon does not know: \(unknown)")
                for id in ids { _ = try await finished(id, daemon) }
                figures.append("round \(round): \(before.count) processes, recovered in \(recovered)")
            }

            let marks = daemon.lines(of: "marks").map { $0.split(separator: " ").map(String.init) }
            #expect(
                !marks.contains { $0.first == "overlap" },
                "a job ran twice at once: \(marks.filter { $0.first == "overlap" })")
            for id in accepted {
                let runs = marks.filter { $0.count == 3 && $0[1] == id }
                #expect(runs.contains { $0[0] == "end" }, "job \(id) never finished: \(runs)")
                // Each start of a job is followed by its end or by the next start (the run a kill interrupted).
                #expect(
                    runs.first?[0] == "start"
                        && !zip(runs, runs.dropFirst()).contains { $0[0] == "end" && $1[0] == "end" })
            }
            print(
                "reliability: crash: \(Self.rounds) rounds of kill -9 with \(Self.programs) programs and \(Self.runningJobs) running jobs; \(figures.joined(separator: "; "))"
            )
        }

        @Test func killNineThenUpWithSkipCleanupKeepsTheOldProgramsFindable() async throws {
            let mark = "skip-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let daemon = try DaemonFixture(
                programs: #"""
                    [program:p]
                    command = /bin/sh -c 'while :; do sleep 30; done'
                    process_name = %(program_name)s_%(process_num)d
                    numprocs = 2
                    startsecs = 0
                    environment = RELIABILITY_MARK="\#(mark)"
                    """#)
            defer { Self.tearDown(daemon, mark: mark) }
            try await daemon.startOffThread()
            let old = try await daemon.waitForPrograms(2)
            kill(try #require(daemon.daemonPID), SIGKILL)
            try await daemon.startOffThread(["--skip-cleanup"])
            _ = try await daemon.waitForPrograms(2)
            // The old programs live on (nobody ended them), and the new daemon's records still name them.
            let found = try await daemon.tendOffThread(["processes"]).lines
            for pid in old.values {
                #expect(isAlive(pid))
                #expect(found.contains("Found process \(pid)"), "tend processes lists \(pid): \(found)")
            }
            _ = try await daemon.tendOffThread(["kill"])
            let left = ReliabilityProcessTable.processes(withEnvironment: "RELIABILITY_MARK=\(mark)")
            #expect(left.isEmpty, "tend kill ends the old programs too: \(left)")
        }

        /// Ends the daemon, then whatever still carries `mark` (so a failing round leaves nothing on the machine).
        private static func tearDown(_ daemon: DaemonFixture, mark: String) {
            daemon.tearDown()
            for process in ReliabilityProcessTable.processes(withEnvironment: "RELIABILITY_MARK=\(mark)") {
                kill(process.pid, SIGKILL)
            }
        }

        /// Waits until every job in `ids` runs with a pid not in `old`, and returns the pids.
        private func jobPIDs(
            _ ids: [String], _ daemon: DaemonFixture, otherThan old: Set<Int32> = []
        ) async throws -> [String: Int32] {
            var pids: [String: Int32] = [:]
            for id in ids {
                let answer = try await daemon.waitForAnswer("/api/v1/jobs/\(id)", timeout: .seconds(30)) {
                    guard $0.json["state"] as? String == "running", let pid = $0.json["pid"] as? Int else {
                        return false
                    }
                    return !old.contains(Int32(pid))
                }
                pids[id] = Int32(try #require(answer.json["pid"] as? Int))
            }
            return pids
        }

        private func finished(_ id: String, _ daemon: DaemonFixture) async throws -> HTTPAnswer {
            let answer = try await daemon.waitForAnswer("/status/\(id)", timeout: .seconds(30)) { $0.status != 202 }
            #expect(answer.status == 200, "job \(id): \(answer)")
            return answer
        }
    }
}
