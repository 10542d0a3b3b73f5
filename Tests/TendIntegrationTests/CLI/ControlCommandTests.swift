import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tend` control commands against a running daemon, checked for supervisorctl's output and exit codes.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ControlCommandTests {
    static let programs = """
        [program:web]
        command = /bin/sh -c 'echo web says hi; echo oops >&2; exec sleep 600'
        startsecs = 0

        [program:worker]
        command = /bin/sleep 600
        process_name = worker_%(process_num)02d
        numprocs = 2
        startsecs = 0

        [program:idle]
        command = /bin/sleep 600
        autostart = false
        startsecs = 0
        """

    @Test func statusStartStopRestartSignalAndTail() async throws {
        let daemon = try DaemonFixture(programs: Self.programs)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("web", "RUNNING")
        try await daemon.waitForState("worker:worker_01", "RUNNING")

        // status: supervisorctl's columns, exit 3 while one program is not running.
        let status = try daemon.tend(["status"])
        #expect(status.status == 3, "\(status)")
        #expect(status.lines.count == 4)
        let webLine = try #require(status.lines.first { $0.hasPrefix("web ") })
        #expect(
            webLine.range(of: #"^web\s+RUNNING\s+pid \d+, uptime 0:00:\d\d$"#, options: .regularExpression) != nil,
            "\(webLine)")
        #expect(
            status.lines.contains {
                $0.range(of: #"^idle\s+STOPPED\s+Not started$"#, options: .regularExpression) != nil
            })
        #expect(status.lines.contains { $0.hasPrefix("worker:worker_00 ") })
        #expect(try daemon.tend(["status", "web"]).status == 0)
        let missing = try daemon.tend(["status", "nope"])
        #expect(missing.stdout.contains("nope: ERROR (no such process)"))
        #expect(missing.status == 4)

        // start / stop / restart and their error lines.
        #expect(try daemon.tend(["start", "idle"]).stdout == "idle: started\n")
        #expect(try daemon.tend(["start", "idle"]).stdout == "idle: ERROR (already started)\n")
        #expect(try daemon.tend(["start", "ghost"]).stdout == "ghost: ERROR (no such process)\n")
        #expect(try daemon.tend(["status"]).status == 0)
        let oldPid = try #require(try daemon.states()["web"]?.pid)
        #expect(try daemon.tend(["restart", "web"]).stdout == "web: stopped\nweb: started\n")
        let newPid = try #require(try daemon.states()["web"]?.pid)
        #expect(newPid != oldPid && !isAlive(oldPid))
        let groupStop = try daemon.tend(["stop", "worker:*"])
        #expect(Set(groupStop.lines) == ["worker:worker_00: stopped", "worker:worker_01: stopped"])
        #expect(try daemon.tend(["stop", "worker:worker_00"]).stdout == "worker:worker_00: ERROR (not running)\n")
        #expect(
            Set(try daemon.tend(["start", "worker:*"]).lines) == [
                "worker:worker_00: started", "worker:worker_01: started",
            ])

        // pid: the daemon's, one program's, all.
        #expect(try daemon.tend(["pid"]).stdout == "\(daemon.daemonPID!)\n")
        #expect(try daemon.tend(["pid", "web"]).stdout == "\(newPid)\n")
        #expect(try daemon.tend(["pid", "all"]).lines.count == 4)

        // signal goes to the process.
        #expect(try daemon.tend(["signal", "KILL", "idle"]).stdout == "idle: signalled\n")
        try await daemon.waitForState("idle", "RUNNING")  // autorestart=unexpected brings it back

        // tail: stdout and stderr logs.
        #expect(try daemon.tend(["tail", "web"]).stdout.contains("web says hi"))
        #expect(try daemon.tend(["tail", "web", "stderr"]).stdout.contains("oops"))
        #expect(try daemon.tend(["clear", "web"]).stdout == "web: cleared\n")
        #expect(try daemon.tend(["tail", "web"]).stdout.isEmpty)

        // avail lists every program.
        let avail = try daemon.tend(["avail"])
        #expect(avail.lines.count == 4)
        #expect(
            avail.lines.contains {
                $0.range(of: #"^idle\s+in use\s+manual\s+999:999$"#, options: .regularExpression) != nil
            }, "\(avail)")

        // stop all, then status says so.
        #expect(try daemon.tend(["stop", "all"]).lines.count == 4)
        #expect(try daemon.states().values.allSatisfy { $0.state == "STOPPED" })
        #expect(try daemon.tend(["restart-all"]).status == 0)
        #expect(try daemon.states().values.allSatisfy { $0.state == "RUNNING" })

        // shutdown ends the daemon and its children.
        let pids = try daemon.states().values.compactMap(\.pid)
        #expect(try daemon.tend(["shutdown"]).stdout == "Shut down\n")
        try await waitUntilGone(daemon.daemonPID ?? 0)
        #expect(pids.allSatisfy { !isAlive($0) })
    }

    @Test func rereadAndUpdateApplyOnlyTheDifferences() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:keep]
                command = /bin/sleep 600
                startsecs = 0

                [program:change]
                command = /bin/sleep 600
                startsecs = 0

                [program:drop]
                command = /bin/sleep 600
                startsecs = 0
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        for name in ["keep", "change", "drop"] { try await daemon.waitForState(name, "RUNNING") }
        let before = try daemon.states()
        #expect(try daemon.tend(["reread"]).stdout == "No config updates to processes\n")

        try daemon.writeConfig(
            programs: """
                [program:keep]
                command = /bin/sleep 600
                startsecs = 0

                [program:change]
                command = /bin/sleep 601
                startsecs = 0

                [program:add]
                command = /bin/sleep 600
                startsecs = 0
                """)
        let reread = try daemon.tend(["reread"])
        #expect(Set(reread.lines) == ["add: available", "change: changed", "drop: disappeared"], "\(reread)")
        #expect(try daemon.states()["drop"]?.pid == before["drop"]?.pid)

        let update = try daemon.tend(["update"])
        #expect(update.status == 0, "\(update)")
        #expect(update.stdout.contains("add: added process group"))
        #expect(update.stdout.contains("change: updated process group"))
        #expect(update.stdout.contains("drop: stopped"))
        #expect(update.stdout.contains("drop: removed process group"))
        try await daemon.waitForState("add", "RUNNING")
        try await daemon.waitForState("change", "RUNNING")
        let after = try daemon.states()
        #expect(after["keep"]?.pid == before["keep"]?.pid)
        #expect(after["change"]?.pid != before["change"]?.pid)
        #expect(after["drop"] == nil)
        #expect(!isAlive(before["drop"]!.pid!))

        // A broken file changes nothing and says where it is broken.
        try daemon.writeConfig(programs: "[program:bad]\ncommand = /bin/sleep 600\nautostart = maybe\n")
        let broken = try daemon.tend(["update"])
        #expect(broken.status != 0)
        #expect(broken.stderr.contains(daemon.configPath + ":"), "\(broken)")
        #expect(try daemon.states().keys.sorted() == ["add", "change", "keep"])
    }

    @Test func clientWithoutDaemonSaysSoInOneLineWithinTwoSeconds() throws {
        let daemon = try DaemonFixture(programs: "")
        defer { daemon.tearDown() }
        let started = Date()
        let result = try daemon.tend(["status"])
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(result.stderr.contains(daemon.socketPath))
    }

    @Test func aBadOptionValueFoundWhileRunningIsOneLineAndStatusOne() throws {
        let daemon = try DaemonFixture(programs: "")
        defer { daemon.tearDown() }
        let result = try daemon.tend(["up", "--threshold=-1"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "tend: --threshold must be a number of seconds ≥ 0 (see 'tend --help')\n", "\(result)")
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }

    @Test func checkReportsEveryErrorWithFileAndLine() throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:a]
                autostart = maybe

                [program:b]
                command = /bin/true
                startsecs = soon
                colour = blue
                """)
        defer { daemon.tearDown() }
        let result = try daemon.tend(["check"])
        #expect(result.status == 1)
        let output = result.stdout + result.stderr
        let file = daemon.configPath
        #expect(output.contains("\(file):"), "\(result)")
        #expect(output.contains("autostart"))
        #expect(output.contains("startsecs"))
        #expect(output.contains("warning: unknown key 'colour'") || output.contains("colour"))
        let good = try DaemonFixture(programs: "[program:ok]\ncommand = /bin/true\n")
        defer { good.tearDown() }
        let ok = try good.tend(["check"])
        #expect(ok.status == 0, "\(ok)")
    }
}

/// Waits until a pid is gone (bounded).
func waitUntilGone(_ pid: Int32, timeout: Duration = .seconds(20)) async throws {
    let deadline = ContinuousClock.now + timeout
    while isAlive(pid) {
        guard ContinuousClock.now < deadline else { throw DaemonFixtureError(description: "pid \(pid) still alive") }
        try await Task.sleep(for: .milliseconds(20))
    }
}
