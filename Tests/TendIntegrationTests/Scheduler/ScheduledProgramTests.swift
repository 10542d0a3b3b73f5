import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Scheduled programs under a real daemon: ticks, timeouts, overlap, start/stop, --disable-scheduler, reload.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ScheduledProgramTests {
    @Test func everySecondRunsOnceASecondAndStatusShowsTheNextAndLastRun() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:tick]
                command = /bin/sh -c 'date +%%s.%%N >> ticks'
                directory = %(here)s
                schedule = every 1s
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        let deadline = ContinuousClock.now + .seconds(15)
        while daemon.lines(of: "ticks").count < 5, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let ticks = daemon.lines(of: "ticks").compactMap(Double.init)
        try #require(ticks.count >= 5, "\(daemon.log)")
        // Five runs span four intervals: 4 s, give or take a second.
        #expect(abs(ticks[4] - ticks[0] - 4) <= 1, "\(ticks)")
        let status = try daemon.tend(["status", "tick"])
        #expect(status.status == 0, "\(status)")
        #expect(
            status.stdout.range(
                of:
                    #"^tick\s+(SCHEDULED\s+next \d\d:\d\d:\d\d, last exit 0 at \d\d:\d\d:\d\d \(\d+\.\d s\)|RUNNING\s+pid)"#,
                options: .regularExpression) != nil, "\(status)")
    }

    @Test func aRunPastItsTimeoutGetsSIGTERMAndOneIgnoringItIsKilledWithItsGroupAfterGrace() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:polite]
                command = /bin/sleep 600
                schedule = every 1h
                timeout = 1

                [program:stubborn]
                command = /bin/sh -c 'trap "" TERM; /bin/sleep 600 & echo $! > %(here)s/grandchild; wait; wait'
                schedule = every 1h
                timeout = 1
                grace = 1
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        #expect(try daemon.tend(["start", "polite", "stubborn"]).status == 0)
        try await daemon.waitForLog("stopped: polite (terminated by SIGTERM)")
        try await daemon.waitForLog("killing 'stubborn'")
        try await daemon.waitForLog("stopped: stubborn (terminated by SIGKILL)")
        let grandchild = try #require(daemon.lines(of: "grandchild").first.flatMap { Int32($0) })
        let deadline = ContinuousClock.now + .seconds(10)
        while isAlive(grandchild), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!isAlive(grandchild), "the SIGKILL did not reach the run's whole process group")
        let status = try daemon.tend(["status", "stubborn"])
        #expect(status.stdout.contains("SCHEDULED") && status.stdout.contains("timed out at"), "\(status)")
    }

    @Test func overlapSkipQueueAndAllow() async throws {
        let run =
            "command = /bin/sh -c 'echo $$ >> %(program_name)s.runs; sleep 2.5'\ndirectory = %(here)s\nschedule = every 1s"
        let daemon = try DaemonFixture(
            programs: """
                [program:skipper]
                \(run)

                [program:queuer]
                \(run)
                overlap = queue

                [program:allower]
                \(run)
                overlap = allow
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForLog("skipped: a tick of 'skipper' while its last run still runs (overlap = skip)")
        try await daemon.waitForLog("queued: 'queuer' runs again once its last run ends (overlap = queue)")
        try await daemon.waitForLog("'allower' with pid", count: 1)
        try await daemon.waitForLog("beside its run still going (overlap = allow)", count: 2)
        // The queued run starts right after the first ends: a second run, without a third tick being needed.
        try await daemon.waitForLog("spawned: 'queuer'", count: 2)
        // Each allowed run is a process of its own, beside the tracked one.
        let deadline = ContinuousClock.now + .seconds(10)
        while Set(daemon.lines(of: "allower.runs")).count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Set(daemon.lines(of: "allower.runs")).count >= 3, "\(daemon.log)")
    }

    @Test func aTickMissedWhileTheDaemonWasDownRunsOnceWithRunOnceAndNotWithSkip() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:catchup]
                command = /bin/true
                schedule = every 1s
                misfire = run_once

                [program:skipper]
                command = /bin/true
                schedule = every 1s
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForLog("exited: catchup")
        try await daemon.waitForLog("exited: skipper")
        #expect(try daemon.tend(["down"]).status == 0)
        try await Task.sleep(for: .seconds(1.5))
        try daemon.start()
        try await daemon.waitForLog("misfire: running 'catchup' once for the ticks it missed while the daemon was down")
        #expect(!daemon.log.contains("misfire: running 'skipper'"))
    }

    @Test func startRunsOnceNowAndStopPausesTheScheduleUntilStart() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:report]
                command = /bin/sh -c 'echo ran >> report.runs'
                directory = %(here)s
                schedule = every 1h
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        #expect(daemon.lines(of: "report.runs").isEmpty, "a scheduled program must not run at start")
        #expect(try daemon.tend(["start", "report"]).stdout == "report: started\n")
        try await daemon.waitForLog("exited: report (exit status 0; expected)")
        #expect(daemon.lines(of: "report.runs") == ["ran"])
        let stopped = try daemon.tend(["stop", "report"])
        #expect(stopped.status == 0, "\(stopped)")
        #expect(try daemon.tend(["status", "report"]).stdout.contains("paused"))
        _ = try daemon.tend(["start", "report"])
        try await daemon.waitForLog("exited: report (exit status 0; expected)", count: 2)
        #expect(
            try daemon.tend(["status", "report"]).stdout.range(of: #"SCHEDULED\s+next "#, options: .regularExpression)
                != nil)
    }

    @Test func disableSchedulerLoadsScheduledProgramsButRunsNone() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:tick]
                command = /bin/sh -c 'echo ran >> tick.runs'
                directory = %(here)s
                schedule = every 1s
                """)
        defer { daemon.tearDown() }
        try daemon.start(["--disable-scheduler"])
        #expect(try daemon.tend(["status", "tick"]).stdout.contains("scheduler disabled"))
        // Three ticks' worth of time: none runs.
        try await Task.sleep(for: .seconds(3))
        #expect(daemon.lines(of: "tick.runs").isEmpty)
        _ = try daemon.tend(["start", "tick"])
        try await daemon.waitForLog("exited: tick")
        #expect(daemon.lines(of: "tick.runs") == ["ran"])
    }

    @Test func reloadAndUpdateKeepTheNextTickOfAnUnchangedProgram() async throws {
        let programs = """
            [program:hourly]
            command = /bin/true
            schedule = every 1h

            [program:other]
            command = /bin/sleep 600
            """
        let daemon = try DaemonFixture(programs: programs)
        defer { daemon.tearDown() }
        try daemon.start()
        let before = try daemon.tend(["status", "hourly"]).stdout
        #expect(before.contains("next "), "\(before)")
        try await Task.sleep(for: .seconds(1.2))
        try daemon.writeConfig(programs: programs.replacingOccurrences(of: "sleep 600", with: "sleep 700"))
        #expect(try daemon.tend(["update"]).status == 0)
        #expect(try daemon.tend(["status", "hourly"]).stdout == before)
        #expect(try daemon.tend(["reload"]).status == 0)
        try await daemon.waitForState("other", "RUNNING")
        #expect(try daemon.tend(["status", "hourly"]).stdout == before)
    }
}
