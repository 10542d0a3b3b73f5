import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tend up / down / kill / processes`, orphan clean-up, and a real-world style config.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DaemonLifecycleTests {
    static let twoSleepers = """
        [program:alpha]
        command = /bin/sh -c 'sleep 600 & exec sleep 600'
        startsecs = 0
        stopasgroup = true

        [program:beta]
        command = /bin/sleep 600
        startsecs = 0
        """

    @Test func orphansOfADaemonKilledWithSIGKILLAreEndedOnTheNextStart() async throws {
        let daemon = try DaemonFixture(programs: Self.twoSleepers)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("alpha", "RUNNING")
        try await daemon.waitForState("beta", "RUNNING")
        let old = try daemon.states()
        let oldPids = old.values.compactMap(\.pid)
        let daemonPid = try #require(daemon.daemonPID)
        kill(daemonPid, SIGKILL)
        try await waitUntilGone(daemonPid)
        #expect(oldPids.allSatisfy(isAlive), "children outlive a daemon killed with SIGKILL")

        try daemon.start()
        for pid in oldPids { try await waitUntilGone(pid, timeout: .seconds(10)) }
        #expect(daemon.log.contains("ended 2 processes left by a previous daemon"))
        try await daemon.waitForState("alpha", "RUNNING")
        let fresh = try daemon.states().values.compactMap(\.pid)
        #expect(Set(fresh).isDisjoint(with: oldPids))
    }

    @Test func skipCleanupLeavesThemAlone() async throws {
        let daemon = try DaemonFixture(programs: Self.twoSleepers)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("beta", "RUNNING")
        let oldPids = try daemon.states().values.compactMap(\.pid)
        let daemonPid = try #require(daemon.daemonPID)
        kill(daemonPid, SIGKILL)
        try await waitUntilGone(daemonPid)
        try daemon.start(["--skip-cleanup"])
        #expect(oldPids.allSatisfy(isAlive))
        for pid in oldPids { kill(-pid, SIGKILL) }
    }

    @Test func processesListsAndKillEndsEverythingEvenWhenTheDaemonIsStuck() async throws {
        let daemon = try DaemonFixture(programs: Self.twoSleepers)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("alpha", "RUNNING")
        try await daemon.waitForState("beta", "RUNNING")
        let daemonPid = try #require(daemon.daemonPID)
        let children = try daemon.states().values.compactMap(\.pid)
        let processes = try daemon.tend(["processes"])
        #expect(processes.lines.contains("Found process \(daemonPid)"), "\(processes)")
        for pid in children { #expect(processes.lines.contains("Found process \(pid)")) }

        kill(daemonPid, SIGSTOP)  // the daemon no longer answers
        let killed = try daemon.tend(["kill"])
        #expect(killed.status == 0, "\(killed)")
        #expect(killed.lines.contains("Killing process \(daemonPid)"))
        try await waitUntilGone(daemonPid)
        for pid in children { try await waitUntilGone(pid) }
    }

    @Test func downStopsProgramsThenTheDaemon() async throws {
        let daemon = try DaemonFixture(programs: Self.twoSleepers)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("alpha", "RUNNING")
        let daemonPid = try #require(daemon.daemonPID)
        let children = try daemon.states().values.compactMap(\.pid)
        let down = try daemon.tend(["down"])
        #expect(down.status == 0, "\(down)")
        #expect(!isAlive(daemonPid))
        #expect(children.allSatisfy { !isAlive($0) })
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        #expect(daemon.log.contains("stopped: alpha"))
    }

    @Test func downCompletesWhileProgramsExitAndRestartNonstop() async throws {
        // Programs that exit at once and are restarted at once: shutdown must not wait for a restart it
        // declined to do (it once left such a program STARTING with no child, and `down` hung).
        let programs = (0..<8).map {
            "[program:churn\($0)]\ncommand = /bin/sh -c 'echo out'\nstartsecs = 0\nautorestart = true\n"
        }
        let daemon = try DaemonFixture(programs: programs.joined(separator: "\n"))
        defer { daemon.tearDown() }
        try daemon.start()
        try await Task.sleep(for: .seconds(1))
        let down = try daemon.tend(["down"], timeout: 30)
        #expect(down.status == 0, "\(down)\nlog:\n\(daemon.log.suffix(2000))")
        #expect(daemon.daemonPID.map { !isAlive($0) } ?? true)
    }

    @Test func aSecondDaemonOnTheSameSocketIsRefused() async throws {
        let daemon = try DaemonFixture(programs: Self.twoSleepers)
        defer { daemon.tearDown() }
        try daemon.start()
        let second = try daemon.tend(["up"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("already"), "\(second)")
    }

    @Test func foregroundDaemonLogsInSupervisordFormatAndStopsOnSIGTERM() async throws {
        let daemon = try DaemonFixture(programs: "[program:one]\ncommand = /bin/sleep 600\nstartsecs = 0\n")
        defer { daemon.tearDown() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonFixture.tendBinary)
        process.arguments = ["up", "-c", daemon.configPath]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await daemon.waitForState("one", "RUNNING")
        let pid = try #require(try daemon.states()["one"]?.pid)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!isAlive(pid))
        let spawned = try #require(daemon.log.split(separator: "\n").first { $0.contains("spawned: 'one'") })
        #expect(
            spawned.range(
                of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO spawned: 'one' with pid \d+$"#,
                options: .regularExpression) != nil, "\(spawned)")
    }
}
