import Foundation
import Logging
import TendAPI
import TendConfig
import TendPlatform
import Testing

@testable import TendSupervisor

/// The supervisor against real child processes.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SupervisorProcessTests {
    @Test func programStartsAndIsRunningAfterStartSecs() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = shellProgram("web", "exec sleep 30", in: dir)
        spec.startSecs = 1
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        let before = ContinuousClock.now
        let results = await supervisor.start(["web"])
        #expect(results.allSatisfy { $0.error == nil })
        #expect(ContinuousClock.now - before >= .seconds(1))
        let status = try await supervisor.statuses(["web"])[0]
        #expect(status.state == .running)
        #expect(status.pid > 0 && isAlive(status.pid))
        #expect(status.description.hasPrefix("pid \(status.pid), uptime 0:00:0"))
        await supervisor.shutdown()
        #expect(!isAlive(status.pid))
    }

    @Test func childGetsSupervisorEnvironmentAndOwnProcessGroup() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = shellProgram(
            "env",
            "echo $SUPERVISOR_ENABLED $SUPERVISOR_PROCESS_NAME $SUPERVISOR_GROUP_NAME $FOO; cut -d\" \" -f5 /proc/$$/stat; ls /proc/self/fd; exec sleep 30",
            in: dir, group: "grp")
        spec.environment = [EnvironmentVariable(name: "FOO", value: "bar")]
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        _ = await supervisor.start(["grp:env"])
        let pid = try await supervisor.statuses(["grp:env"])[0].pid
        try await waitForFile(dir.file("env.out")) { $0.contains("\n") && $0.split(separator: "\n").count >= 3 }
        let lines = dir.read("env.out").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines[0] == "1 env grp bar")
        #expect(lines[1] == "\(pid)")
        // Only 0, 1, 2 and the descriptor `ls` opened for /proc/self/fd are open.
        #expect(lines.dropFirst(2).count <= 4)
        await supervisor.shutdown()
    }

    @Test func exitWithinStartSecsBacksOffToFatal() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = shellProgram("crash", "echo boom >&2; exit 1", in: dir)
        spec.startSecs = 1
        spec.startRetries = 2
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        let events = await supervisor.events()
        let results = await supervisor.start(["crash"])
        #expect(results.first?.error?.code == .spawnError)
        let status = try await waitFor(supervisor, "crash", "FATAL") { $0.state == .fatal }
        #expect(status.description == "Exited too quickly (process log may have details)")
        var seen: [ProcessState] = []
        for await event in events {
            if case .processStateChanged(let snapshot, _, _) = event { seen.append(snapshot.state) }
            if seen.last == .fatal { break }
        }
        #expect(seen == [.starting, .backoff, .starting, .backoff, .starting, .backoff, .fatal])
        #expect(!seen.contains(.running))
        #expect(dir.read("crash.err").contains("boom"))
        await supervisor.shutdown()
    }

    @Test func missingCommandIsNoFileAndSpawnErrorLeadsToFatal() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = ProgramSpec(name: "ghost", groupName: "ghost", command: "no-such-cmd", arguments: ["no-such-cmd"])
        spec.startRetries = 0
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        let results = await supervisor.start(["ghost"])
        #expect(results.first?.error?.code == .noFile)
        #expect(results.first?.error?.detail == "can't find command 'no-such-cmd'")
        // Autostart path: the spawn error is recorded and the process goes FATAL.
        await supervisor.startAutostartPrograms()
        let status = try await waitFor(supervisor, "ghost", "FATAL") { $0.state == .fatal }
        #expect(status.spawnError == "can't find command 'no-such-cmd'")
        await supervisor.shutdown()
    }

    @Test func unexpectedExitRestartsAndExpectedExitStaysExited() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let flaky = shellProgram("flaky", "sleep 0.3; exit 3", in: dir)
        let oneshot = shellProgram("oneshot", "sleep 0.3; exit 0", in: dir)
        let supervisor = try makeSupervisor([flaky, oneshot], in: dir)
        await supervisor.activate()
        let first = await supervisor.start(["flaky", "oneshot"]).count
        #expect(first == 2)
        let firstPid = try await supervisor.statuses(["flaky"])[0].pid
        try await waitFor(supervisor, "flaky", "a new pid") {
            $0.state == .running && $0.pid != firstPid && $0.pid != 0
        }
        let exited = try await waitFor(supervisor, "oneshot", "EXITED") { $0.state == .exited }
        #expect(exited.exitStatus == 0)
        await supervisor.shutdown()
    }

    @Test func childThatIgnoresSIGTERMIsKilledAfterStopWaitSecs() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var spec = shellProgram("stubborn", "trap \"\" TERM; echo ready; while true; do sleep 0.1; done", in: dir)
        spec.stopWaitSecs = 1
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        _ = await supervisor.start(["stubborn"])
        try await waitForFile(dir.file("stubborn.out")) { $0.contains("ready") }
        let pid = try await supervisor.statuses(["stubborn"])[0].pid
        let before = ContinuousClock.now
        let results = await supervisor.stop(["stubborn"])
        let took = ContinuousClock.now - before
        #expect(results.first?.error == nil)
        #expect(took >= .seconds(1) && took < .seconds(5))
        #expect(!isAlive(pid))
        #expect(try await supervisor.statuses(["stubborn"])[0].state == .stopped)
        await supervisor.shutdown()
    }

    @Test func stopAsGroupEndsGrandchildrenAndWaitsForTheWholeGroup() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        // The grandchild ignores SIGTERM and outlives its parent: the stop is done only once it is gone.
        var spec = shellProgram(
            "tree", "(trap \"\" TERM; echo $BASHPID > \(dir.file("grandchild")); sleep 60) & sleep 60", in: dir)
        spec.arguments = ["/bin/bash", "-c", spec.arguments[2]]
        spec.stopAsGroup = true
        spec.killAsGroup = true
        spec.stopWaitSecs = 1
        let supervisor = try Supervisor(
            configuration: configuration([spec], in: dir),
            options: SupervisorOptions(environment: ["PATH": "/usr/bin:/bin"], becomeSubreaper: false),
            logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        await supervisor.activate()
        _ = await supervisor.start(["tree"])
        try await waitForFile(dir.file("grandchild")) { !$0.isEmpty }
        let grandchild = Int32(dir.read("grandchild").trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(isAlive(grandchild))
        let results = await supervisor.stop(["tree"])
        #expect(results.first?.error == nil)
        #expect(!isAlive(grandchild))
        #expect(try await supervisor.statuses(["tree"])[0].state == .stopped)
        await supervisor.shutdown()
    }

    @Test func runsAsNobodyWhenRoot() async throws {
        guard getuid() == 0 else { return }
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        chmod(dir.path, 0o777)
        var spec = shellProgram("whoami", "id -un; id -u; exec sleep 30", in: dir)
        spec.user = "nobody"
        let supervisor = try makeSupervisor([spec], in: dir)
        await supervisor.activate()
        #expect(await supervisor.start(["whoami"]).first?.error == nil)
        try await waitForFile(dir.file("whoami.out")) { $0.split(separator: "\n").count >= 2 }
        let lines = dir.read("whoami.out").split(separator: "\n")
        #expect(lines[0] == "nobody")
        #expect(lines[1] == "65534")
        await supervisor.shutdown()
    }

    @Test func startOfRunningIsAlreadyStartedAndStopOfStoppedIsNotRunning() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let supervisor = try makeSupervisor([shellProgram("a", "exec sleep 30", in: dir)], in: dir)
        await supervisor.activate()
        _ = await supervisor.start(["a"])
        #expect(await supervisor.start(["a"]).first?.error?.code == .alreadyStarted)
        #expect(await supervisor.start(["all"]).isEmpty)
        #expect(await supervisor.start(["nope"]).first?.error?.code == .badName)
        _ = await supervisor.stop(["a"])
        #expect(await supervisor.stop(["a"]).first?.error?.code == .notRunning)
        await supervisor.shutdown()
    }

    @Test func nothingStartsOnceTheDaemonShutsDown() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let supervisor = try makeSupervisor([shellProgram("a", "exec sleep 30", in: dir)], in: dir)
        await supervisor.activate()
        await supervisor.shutdown()
        let results = await supervisor.start(["a", "all"])
        #expect(results.map(\.error?.code) == [.shutdownState, .shutdownState])
        #expect(try await supervisor.statuses().first?.state == .stopped)
    }
}

/// Waits until a file's contents satisfy `test` (used only to read what a child wrote).
func waitForFile(_ path: String, timeout: Duration = .seconds(10), _ test: (String) -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let text = ProcStat.readLargeFile(path), test(text) { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw TimedOut(description: "\(path) did not reach the expected contents")
}
