import Foundation
import TendAPI
import TendClient
import TendConfig
import TendServer
import TendSupervisor
import Testing

/// The daemon routes of the JSON API: pids, avail, reread, update, reload, shutdown, daemon info.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JSONAPIDaemonTests {
    @Test func pidsAndDaemonInfoDescribeTheRunningDaemon() async throws {
        let server = try await ServerFixture.start([ServerFixture.program("one", "exec sleep 600")])
        let pids = try await server.client.get("/api/v1/pids").decode(APIResponse.PIDs.self)
        #expect(pids.daemon == getpid())
        let one = try await server.supervisor.statuses(["one"])[0]
        #expect(pids.children == [APIResponse.PIDs.Child(name: "one", group: "one", pid: one.pid)])
        let info = try await server.client.get("/api/v1/daemon").decode(APIResponse.DaemonInfo.self)
        #expect(info.pid == getpid() && info.state == "RUNNING" && info.version == TendVersion.current)
        #expect(info.identification == "supervisor" && info.config == server.daemon.configPath)
        try await server.stop()
    }

    @Test func availListsProgramsWithTheirPriorities() async throws {
        var idle = ServerFixture.program("idle", "exec sleep 600")
        idle.priority = 7
        let server = try await ServerFixture.start([idle])
        let avail = try await server.client.get("/api/v1/avail").decode([AvailableProgram].self)
        #expect(
            avail == [
                AvailableProgram(
                    name: "idle", group: "idle", inUse: true, autostart: false, priority: 7, groupPriority: 999)
            ])
        try await server.stop()
    }

    @Test func rereadAndUpdateApplyTheNextConfig() async throws {
        let keep = ServerFixture.program("keep", "exec sleep 600")
        let server = try await ServerFixture.start([keep, ServerFixture.program("drop", "exec sleep 600")])
        let next = ServerFixture.configuration(
            [keep, ServerFixture.program("add", "exec sleep 600")], in: server.directory)
        server.daemon.nextConfiguration.withLock { $0 = .success(next) }
        let changes = try await server.client.post("/api/v1/reread").decode(ConfigChanges.self)
        #expect(changes == ConfigChanges(added: ["add"], changed: [], removed: ["drop"]))
        #expect(try await server.supervisor.statuses().count == 2, "reread changes nothing")

        let results = try await server.client.post("/api/v1/update", json: APIRequest.Groups()).decode(
            [UpdateResult].self)
        #expect(Set(results.map(\.group)) == ["add", "drop"])
        #expect(try await server.supervisor.statuses().map(\.name).sorted() == ["add", "keep"])
        try await server.stop()
    }

    @Test func brokenConfigIs422WithEveryErrorAndChangesNothing() async throws {
        let server = try await ServerFixture.start([ServerFixture.program("one", "exec sleep 600")])
        let file = server.daemon.configPath
        let broken = ConfigError(diagnostics: [
            ConfigDiagnostic(.error, at: SourceLocation(file: file, line: 3), "autostart: 'maybe' is not a boolean"),
            ConfigDiagnostic(.warning, at: SourceLocation(file: file, line: 4), "unknown key 'colour'"),
            ConfigDiagnostic(.error, at: SourceLocation(file: file, line: 7), "startsecs: 'soon' is not an integer"),
        ])
        server.daemon.nextConfiguration.withLock { $0 = .failure(broken) }
        for path in ["/api/v1/reread", "/api/v1/update", "/api/v1/reload"] {
            let error = await failure { () async throws(ClientError) in try await server.client.post(path) }
            #expect(error?.status == 422, "\(path)")
            #expect(
                error?.message
                    == "\(file):3: autostart: 'maybe' is not a boolean\n\(file):7: startsecs: 'soon' is not an integer")
        }
        #expect(server.daemon.reloads.withLock { $0 } == 0)
        #expect(try await server.supervisor.statuses().map(\.name) == ["one"])
        try await server.stop()
    }

    @Test func reloadAndShutdownAnswerThenAct() async throws {
        let server = try await ServerFixture.start()
        var reloaded = server.daemon.reloaded.makeAsyncIterator()
        let reload = try await server.client.post("/api/v1/reload")
        #expect(reload.status == 200 && reload.text == "{}")
        // The reload runs after the answer.
        await reloaded.next()
        #expect(server.daemon.reloads.withLock { $0 } == 1)

        var shutdownRequested = server.daemon.shutdownRequested.makeAsyncIterator()
        let shutdown = try await server.client.post("/api/v1/shutdown")
        #expect(shutdown.status == 200 && shutdown.text == "{}")
        await shutdownRequested.next()
        #expect(server.daemon.shutdownRequests.withLock { $0 } == 1)
        try await server.stop()
    }
}
