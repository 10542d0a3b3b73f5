import Foundation
import TendConfig
import TendSupervisor
import Testing

@testable import TendServer

/// The daemon, configuration and log methods over XML-RPC, against a real supervisor.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct XMLRPCDaemonMethodsTests {
    @Test func versionsIdentityStateAndPID() async throws {
        try await RPCFixture.with([]) { (rpc: RPCFixture) async throws in
            #expect(try await rpc.call("supervisor.getAPIVersion") == "3.0")
            #expect(try await rpc.call("supervisor.getVersion") == "3.0")
            #expect(try await rpc.call("supervisor.getSupervisorVersion") == "4.3.0")
            #expect(try await rpc.call("supervisor.getIdentification") == "supervisor")
            #expect(try await rpc.call("supervisor.getState") == ["statecode": 1, "statename": "RUNNING"])
            #expect(try await rpc.call("supervisor.getPID") == 4242)
        }
    }

    @Test func mainLogIsReadWithReadFileSemantics() async throws {
        try await RPCFixture.with([], logLines: "first line\nsecond line\n") { (rpc: RPCFixture) async throws in
            #expect(try await rpc.call("supervisor.readLog", 0, 0) == "first line\nsecond line\n")
            #expect(try await rpc.call("supervisor.readLog", -12, 0) == "second line\n")
            #expect(try await rpc.call("supervisor.readMainLog", 6, 4) == "line")
            #expect(await rpc.fault("supervisor.readLog", -5, 5) == XMLRPCFault(code: 3, string: "BAD_ARGUMENTS"))
            #expect(await rpc.fault("supervisor.readLog", "x", 0)?.code == 2)
            #expect(try await rpc.call("supervisor.clearLog") == true)
            #expect(try await rpc.call("supervisor.readLog", 0, 0) == "")
        }
    }

    @Test func noMainLogIsNoFile() async throws {
        try await RPCFixture.with([], logLines: nil) { (rpc: RPCFixture) async throws in
            #expect(await rpc.fault("supervisor.readLog", -100, 0) == XMLRPCFault(code: 20, string: "NO_FILE"))
            #expect(await rpc.fault("supervisor.clearLog") == XMLRPCFault(code: 20, string: "NO_FILE"))
        }
    }

    @Test func processLogsAreReadTailedAndCleared() async throws {
        let talker = RPCFixture.shell("talker", "echo out-line; echo err-line >&2; exec sleep 1000")
        try await RPCFixture.with([talker]) { (rpc: RPCFixture) async throws in
            try await rpc.call("supervisor.startProcess", "talker")
            try await rpc.waitForOutput("talker", containing: "out-line\n")
            #expect(try await rpc.call("supervisor.readProcessStdoutLog", "talker", -1600, 0) == "out-line\n")
            #expect(try await rpc.call("supervisor.readProcessLog", "talker", 4, 4) == "line")
            #expect(try await rpc.call("supervisor.tailProcessStdoutLog", "talker", 0, 4) == ["ine\n", 9, true])
            #expect(try await rpc.call("supervisor.tailProcessLog", "talker", 0, 100) == ["out-line\n", 9, false])
            #expect(await rpc.fault("supervisor.readProcessStdoutLog", "talker", 0, -1)?.code == 3)
            #expect(await rpc.fault("supervisor.readProcessStdoutLog", "nope", 0, 0)?.string == "BAD_NAME: nope")
            #expect(try await rpc.call("supervisor.clearProcessLogs", "talker") == true)
            #expect(try await rpc.call("supervisor.readProcessStdoutLog", "talker", 0, 0) == "")
            #expect(try await rpc.call("supervisor.clearProcessLog", "talker") == true)
            #expect(await rpc.fault("supervisor.clearProcessLogs", "talker:*")?.string == "BAD_NAME: talker:*")
            #expect(try await rpc.call("supervisor.clearAllProcessLogs").resultLines == ["talker: 80 OK"])
        }
    }

    @Test func stderrIsItsOwnLogUnlessRedirected() async throws {
        let talker = RPCFixture.shell("talker", "echo err-line >&2; exec sleep 1000")
        var merged = RPCFixture.shell("merged", "echo merged-err >&2; exec sleep 1000")
        merged.redirectStderr = true
        try await RPCFixture.with([talker, merged]) { (rpc: RPCFixture) async throws in
            try await rpc.call("supervisor.startAllProcesses")
            try await rpc.waitForOutput("merged", containing: "merged-err")
            #expect(try await rpc.call("supervisor.readProcessStdoutLog", "merged", -100, 0) == "merged-err\n")
            #expect(
                await rpc.fault("supervisor.readProcessStderrLog", "merged", -100, 0)
                    == XMLRPCFault(code: 20, string: "NO_FILE"))
            #expect(try await rpc.call("supervisor.tailProcessStderrLog", "merged", 0, 100) == ["", 0, false])
            let path = try await rpc.call("supervisor.getProcessInfo", "talker")["stderr_logfile"]?.stringValue ?? ""
            #expect(path.hasPrefix(rpc.directory))
            try await rpc.waitForOutput("talker", stream: .stderr, containing: "err-line")
            #expect(try await rpc.call("supervisor.readProcessStderrLog", "talker", 0, 0) == "err-line\n")
        }
    }

    @Test func logsOfNoneAreServedFromMemoryForTails() async throws {
        var quiet = RPCFixture.shell("quiet", "echo kept-in-memory; exec sleep 1000")
        quiet.stdoutLog = LogSpec(destination: .none)
        try await RPCFixture.with([quiet]) { (rpc: RPCFixture) async throws in
            try await rpc.call("supervisor.startProcess", "quiet")
            try await rpc.waitForOutput("quiet", containing: "kept-in-memory")
            #expect(try await rpc.call("supervisor.getProcessInfo", "quiet")["stdout_logfile"] == "")
            #expect(try await rpc.call("supervisor.readProcessStdoutLog", "quiet", -1600, 0) == "kept-in-memory\n")
            #expect(
                await rpc.fault("supervisor.readProcessStdoutLog", "quiet", 0, 0)
                    == XMLRPCFault(code: 20, string: "NO_FILE"))
            #expect(
                try await rpc.call("supervisor.tailProcessStdoutLog", "quiet", 0, 100) == [
                    "kept-in-memory\n", 15, false,
                ])
        }
    }

    @Test func rereadAddRemoveFollowSupervisorctlsUpdate() async throws {
        let keep = RPCFixture.program("keep")
        let old = RPCFixture.program("old")
        var changed = RPCFixture.program("changing")
        try await RPCFixture.with([keep, old, changed]) { (rpc: RPCFixture) async throws in
            try await rpc.call("supervisor.startProcess", "changing")
            var next = ServerFixture.configuration([keep, RPCFixture.program("fresh")], in: rpc.directory)
            changed.arguments = ["/bin/sleep", "999"]
            changed.command = "/bin/sleep 999"
            next.groups += ServerFixture.configuration([changed], in: rpc.directory).groups
            rpc.daemon.nextConfiguration.withLock { $0 = .success(next) }
            #expect(try await rpc.call("supervisor.reloadConfig") == [[["fresh"], ["changing"], ["old"]]])
            // Nothing changed yet.
            #expect(try await rpc.state("old") == "STOPPED")
            // What supervisorctl's update does with that answer:
            #expect(try await rpc.call("supervisor.stopProcessGroup", "old") == [])
            #expect(try await rpc.call("supervisor.removeProcessGroup", "old") == true)
            #expect(
                await rpc.fault("supervisor.removeProcessGroup", "changing")
                    == XMLRPCFault(code: 91, string: "STILL_RUNNING: changing"))
            try await rpc.call("supervisor.stopProcessGroup", "changing")
            #expect(try await rpc.call("supervisor.removeProcessGroup", "changing") == true)
            #expect(try await rpc.call("supervisor.addProcessGroup", "changing") == true)
            #expect(try await rpc.call("supervisor.addProcessGroup", "fresh") == true)
            #expect(
                await rpc.fault("supervisor.addProcessGroup", "fresh")
                    == XMLRPCFault(code: 90, string: "ALREADY_ADDED: fresh"))
            #expect(
                await rpc.fault("supervisor.addProcessGroup", "old") == XMLRPCFault(code: 10, string: "BAD_NAME: old"))
            #expect(
                await rpc.fault("supervisor.removeProcessGroup", "old")
                    == XMLRPCFault(code: 10, string: "BAD_NAME: old"))
            #expect(try await rpc.call("supervisor.reloadConfig") == [[[], [], []]])
            let names = try await rpc.call("supervisor.getAllProcessInfo").arrayValue?.compactMap {
                $0["name"]?.stringValue
            }
            #expect(names == ["changing", "fresh", "keep"])
        }
    }

    @Test func brokenConfigIsCantRereadAndChangesNothing() async throws {
        try await RPCFixture.with([RPCFixture.program("keep")]) { (rpc: RPCFixture) async throws in
            let diagnostic = ConfigDiagnostic(
                .error, at: SourceLocation(file: "/etc/x.conf", line: 7), "unknown signal 'BOGUS'")
            rpc.daemon.nextConfiguration.withLock { $0 = .failure(ConfigError(diagnostics: [diagnostic])) }
            let fault = await rpc.fault("supervisor.reloadConfig")
            #expect(fault?.code == 92)
            #expect(fault?.string.hasPrefix("CANT_REREAD: ") == true)
            #expect(fault?.string.contains("unknown signal 'BOGUS'") == true)
            #expect(await rpc.fault("supervisor.restart")?.code == 92)
            #expect(rpc.daemon.reloads.withLock { $0 } == 0)
            #expect(try await rpc.state("keep") == "STOPPED")
        }
    }

    @Test func configInfoDescribesEveryProcessOfTheFile() async throws {
        var web = RPCFixture.program("web")
        web.directory = "/tmp"
        web.exitCodes = [0, 2]
        web.stopSignal = .interrupt
        web.redirectStderr = true
        try await RPCFixture.with([web, RPCFixture.program("alpha")]) { (rpc: RPCFixture) async throws in
            let infos = try await rpc.call("supervisor.getAllConfigInfo").arrayValue ?? []
            #expect(infos.map { $0["name"]?.stringValue } == ["alpha", "web"])
            let info = try #require(infos.last?.structValue)
            #expect(info.count == 29)
            #expect(info["directory"] == "/tmp" && info["uid"] == "none" && info["command"] == "/bin/sleep 1000")
            #expect(info["exitcodes"] == [0, 2] && info["stopsignal"] == 2 && info["inuse"] == true)
            #expect(info["stderr_logfile"] == "none" && info["serverurl"] == "none" && info["group_prio"] == 999)
            #expect(info["stdout_logfile"]?.stringValue?.hasPrefix(rpc.directory) == true)
            // After a reread that drops `web`, its group is no longer listed; a new one is, not in use.
            rpc.daemon.nextConfiguration.withLock {
                $0 = .success(
                    ServerFixture.configuration(
                        [RPCFixture.program("alpha"), RPCFixture.program("beta")], in: rpc.directory))
            }
            try await rpc.call("supervisor.reloadConfig")
            let after = try await rpc.call("supervisor.getAllConfigInfo").arrayValue ?? []
            #expect(after.map { $0["name"]?.stringValue } == ["alpha", "beta"])
            #expect(after.map { $0["inuse"] } == [true, false])
            #expect(after.last?["stdout_logfile"] == "auto")
        }
    }

    @Test func shutdownAnswersThenAsksTheDaemonToStop() async throws {
        try await RPCFixture.with([RPCFixture.program("alpha")]) { (rpc: RPCFixture) async throws in
            #expect(try await rpc.call("supervisor.shutdown") == true)
            #expect(rpc.daemon.shutdownRequests.withLock { $0 } == 1)
            // Once the daemon is stopping, changes are refused; introspection still works.
            await rpc.supervisor.stopAll()
            #expect(
                await rpc.fault("supervisor.startProcess", "alpha") == XMLRPCFault(code: 6, string: "SHUTDOWN_STATE"))
            #expect(await rpc.fault("supervisor.getState") == XMLRPCFault(code: 6, string: "SHUTDOWN_STATE"))
            #expect(try await rpc.call("system.listMethods").arrayValue?.isEmpty == false)
            #expect(try await rpc.call("supervisor.sendRemoteCommEvent", "type", "data") == true)
        }
    }

    @Test func restartAnswersThenReloads() async throws {
        try await RPCFixture.with([RPCFixture.program("alpha")]) { (rpc: RPCFixture) async throws in
            var reloaded = rpc.daemon.reloaded.makeAsyncIterator()
            #expect(try await rpc.call("supervisor.restart") == true)
            // The reload runs in its own task, after the answer.
            await reloaded.next()
            #expect(rpc.daemon.reloads.withLock { $0 } == 1)
        }
    }
}
