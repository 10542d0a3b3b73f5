import Foundation
import Logging
import TendConfig
import Testing

@testable import TendSupervisor

/// Event listener pools against real listener processes speaking supervisord's protocol.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct EventListenerPoolTests {
    /// A listener in Python: records every header and payload, answers OK (or FAIL for the first
    /// `failures` events), or breaks the protocol when asked.
    static let listenerScript = """
        import sys
        out = open(sys.argv[1], "a")
        failures = int(sys.argv[2])
        if sys.argv[3] == "garbage":
            sys.stdout.write("hello, I am not a listener\\n"); sys.stdout.flush()
        while True:
            sys.stdout.write("READY\\n"); sys.stdout.flush()
            header = sys.stdin.readline()
            if not header:
                break
            fields = dict(token.split(":", 1) for token in header.split())
            payload = sys.stdin.read(int(fields["len"]))
            out.write(header + payload + "\\n---\\n"); out.flush()
            if failures > 0:
                failures -= 1
                sys.stdout.write("RESULT 4\\nFAIL")
            else:
                sys.stdout.write("RESULT 2\\nOK")
            sys.stdout.flush()
        """

    func listenerGroup(_ dir: TemporaryDirectory, events: [String], failures: Int = 0, mode: String = "normal")
        -> GroupSpec
    {
        dir.write("listener.py", Self.listenerScript)
        var spec = ProgramSpec(
            name: "listener", groupName: "listener", command: "python3 listener.py",
            arguments: [
                "/usr/bin/env", "python3", dir.file("listener.py"), dir.file("events.txt"), String(failures), mode,
            ])
        spec.startSecs = 0
        spec.stdoutLog = LogSpec(destination: .none)
        spec.stderrLog = LogSpec(destination: .file(dir.file("listener.err")))
        return GroupSpec(
            name: "listener", priority: 1, kind: .eventListener, programs: [spec],
            eventListener: EventListenerSettings(events: events, bufferSize: 10))
    }

    func makePool(_ dir: TemporaryDirectory, groups: [GroupSpec], log: LogCollector? = nil) throws -> Supervisor {
        var config = configuration([], in: dir)
        config.groups = groups
        return try Supervisor(
            configuration: config,
            options: SupervisorOptions(environment: ["PATH": "/usr/bin:/bin"], becomeSubreaper: false),
            logger: Logger(label: "t") { _ in log.map { $0 as any LogHandler } ?? SwiftLogNoOpLogHandler() })
    }

    func webGroup(_ dir: TemporaryDirectory) -> GroupSpec {
        var web = shellProgram("web", "exec sleep 30", in: dir)
        web.autostart = false
        return GroupSpec(name: "web", priority: 2, kind: .program, programs: [web])
    }

    @Test func processStateEventsReachTheListenerWithSupervisordsHeader() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let supervisor = try makePool(dir, groups: [listenerGroup(dir, events: ["PROCESS_STATE"]), webGroup(dir)])
        await supervisor.activate()
        await supervisor.startAutostartPrograms()
        try await waitFor(supervisor, "listener") { $0.state == .running }
        _ = await supervisor.start(["web"])
        let pid = try await supervisor.statuses(["web"])[0].pid
        try await waitForFile(dir.file("events.txt")) {
            $0.contains("processname:web groupname:web from_state:STARTING pid:\(pid)")
        }
        let text = dir.read("events.txt")
        #expect(text.contains("eventname:PROCESS_STATE_STARTING"))
        #expect(text.contains("processname:web groupname:web from_state:STOPPED tries:0"))
        let header = try #require(
            text.split(separator: "\n").first { $0.contains("PROCESS_STATE_RUNNING") && $0.hasPrefix("ver:") })
        #expect(
            header.range(
                of:
                    #"^ver:3\.0 server:supervisor serial:\d+ pool:listener poolserial:\d+ eventname:PROCESS_STATE_RUNNING len:\d+$"#,
                options: .regularExpression) != nil, "\(header)")
        await supervisor.shutdown()
    }

    @Test func rejectedEventsAreSentAgain() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let supervisor = try makePool(dir, groups: [listenerGroup(dir, events: ["PROCESS_GROUP"], failures: 1)])
        await supervisor.activate()
        await supervisor.startAutostartPrograms()
        try await waitFor(supervisor, "listener") { $0.state == .running }
        var config = await supervisor.configuration
        config.groups.append(webGroup(dir))
        _ = await supervisor.update(to: config)
        try await waitForFile(dir.file("events.txt")) { $0.components(separatedBy: "PROCESS_GROUP_ADDED").count == 3 }
        let headers = dir.read("events.txt").split(separator: "\n").filter { $0.hasPrefix("ver:") }
        #expect(headers.count == 2)
        #expect(headers[0] == headers[1], "the same event (same serials) is delivered again after FAIL")
        await supervisor.shutdown()
    }

    @Test func aListenerThatBreaksTheProtocolGetsNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let log = LogCollector()
        let supervisor = try makePool(
            dir, groups: [listenerGroup(dir, events: ["EVENT"], mode: "garbage"), webGroup(dir)], log: log)
        await supervisor.activate()
        await supervisor.startAutostartPrograms()
        try await waitFor(supervisor, "listener") { $0.state == .running }
        _ = await supervisor.start(["web"])
        try await log.waitFor("listener state is now UNKNOWN")
        #expect(!FileManager.default.fileExists(atPath: dir.file("events.txt")) || dir.read("events.txt").isEmpty)
        await supervisor.shutdown()
    }

    @Test func tickEventsArriveOnFiveSecondBoundariesOnlyWhenSubscribed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let supervisor = try makePool(dir, groups: [listenerGroup(dir, events: ["TICK_5"])])
        await supervisor.activate()
        #expect(await supervisor.tickTimers.keys.sorted() == [5])
        await supervisor.startAutostartPrograms()
        try await waitForFile(dir.file("events.txt"), timeout: .seconds(12)) { $0.contains("eventname:TICK_5") }
        let payload = try #require(dir.read("events.txt").split(separator: "\n").first { $0.hasPrefix("when:") })
        #expect(Int(payload.dropFirst(5))! % 5 == 0)
        await supervisor.shutdown()
        #expect(await supervisor.tickTimers.isEmpty)
        let other = TemporaryDirectory()
        defer { other.cleanUp() }
        let idle = try makePool(other, groups: [webGroup(dir)])
        await idle.activate()
        #expect(await idle.tickTimers.isEmpty)
    }
}

/// A log handler that keeps every message, for tests that check what the daemon logged.
final class LogCollector: LogHandler, @unchecked Sendable {
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    private let lock = NSLock()
    private var messages: [String] = []

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { messages.append(event.message.description) }
    }

    var all: [String] { lock.withLock { messages } }

    func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !all.contains(where: { $0.contains(text) }) {
            guard ContinuousClock.now < deadline else {
                throw TimedOut(description: "log never said '\(text)': \(all)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

@Suite struct TickScheduleTests {
    @Test func theNextTickIsTheFollowingMultipleOfThePeriod() {
        #expect(Supervisor.nextTick(after: 1_000_000_002, period: 5) == 1_000_000_005)
        #expect(Supervisor.nextTick(after: 1_000_000_005, period: 5) == 1_000_000_010)
        #expect(Supervisor.nextTick(after: 3_599, period: 3600) == 3_600)
        #expect(Supervisor.nextTick(after: 61, period: 60) == 120)
    }
}
