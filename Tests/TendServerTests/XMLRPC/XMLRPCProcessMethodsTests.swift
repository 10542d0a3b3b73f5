import Foundation
import TendConfig
import TendPlatform
import TendSupervisor
import Testing

@testable import TendServer

/// start/stop/signal/info over XML-RPC against a real supervisor running `/bin/sleep` programs.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct XMLRPCProcessMethodsTests {
    static let sleepers = [
        RPCFixture.program("alpha"),
        RPCFixture.program("web-0", group: "web"),
        RPCFixture.program("web-1", group: "web"),
    ]

    @Test func startAndStopOneProcessAnswerTrueAndChangeItsState() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            #expect(try await rpc.state("alpha") == "STOPPED")
            #expect(try await rpc.call("supervisor.startProcess", "alpha") == true)
            let info = try await rpc.call("supervisor.getProcessInfo", "alpha")
            #expect(info["statename"] == "RUNNING" && info["state"] == 20)
            #expect((info["pid"]?.intValue ?? 0) > 0)
            #expect(info["description"]?.stringValue?.hasPrefix("pid ") == true)
            #expect(try await rpc.call("supervisor.stopProcess", "alpha", true) == true)
            #expect(try await rpc.state("alpha") == "STOPPED")
            #expect(try await rpc.call("supervisor.getProcessInfo", "alpha")["pid"] == 0)
        }
    }

    @Test func startingARunningProcessIsAlreadyStartedUnderTheNameGiven() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            try await rpc.call("supervisor.startProcess", "web:web-0")
            #expect(
                await rpc.fault("supervisor.startProcess", "web:web-0")
                    == XMLRPCFault(code: 60, string: "ALREADY_STARTED: web:web-0"))
            try await rpc.call("supervisor.startProcess", "alpha")
            #expect(
                await rpc.fault("supervisor.startProcess", "alpha:alpha")
                    == XMLRPCFault(code: 60, string: "ALREADY_STARTED: alpha:alpha"))
        }
    }

    @Test func stoppingAStoppedProcessIsNotRunning() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.stopProcess", "alpha")
                    == XMLRPCFault(code: 70, string: "NOT_RUNNING: alpha"))
        }
    }

    @Test func unknownNamesAreBadName() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.startProcess", "nope") == XMLRPCFault(code: 10, string: "BAD_NAME: nope"))
            #expect(
                await rpc.fault("supervisor.startProcess", "web:nope")
                    == XMLRPCFault(code: 10, string: "BAD_NAME: web:nope"))
            #expect(
                await rpc.fault("supervisor.stopProcessGroup", "nope")
                    == XMLRPCFault(code: 10, string: "BAD_NAME: nope"))
            #expect(
                await rpc.fault("supervisor.getProcessInfo", "web:*")
                    == XMLRPCFault(code: 10, string: "BAD_NAME: web:*"))
            // `all` is a selector to the supervisor, but only a name to supervisord.
            #expect(await rpc.fault("supervisor.startProcess", "all") == XMLRPCFault(code: 10, string: "BAD_NAME: all"))
            #expect(
                await rpc.fault("supervisor.startProcessGroup", "all") == XMLRPCFault(code: 10, string: "BAD_NAME: all")
            )
        }
    }

    @Test func groupStartAndStopAnswerOneResultPerProcess() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            let started = try await rpc.call("supervisor.startProcessGroup", "web")
            #expect(started.resultLines == ["web:web-0: 80 OK", "web:web-1: 80 OK"])
            // Nothing left to start: an empty array, as supervisord answers.
            #expect(try await rpc.call("supervisor.startProcess", "web:*") == [])
            let stopped = try await rpc.call("supervisor.stopProcess", "web:*")
            #expect(stopped.resultLines == ["web:web-0: 80 OK", "web:web-1: 80 OK"])
            #expect(try await rpc.state("web:web-1") == "STOPPED")
            #expect(try await rpc.call("supervisor.stopProcessGroup", "web") == [])
        }
    }

    @Test func startAllAndStopAllCoverEveryProcessInOrder() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            try await rpc.call("supervisor.startProcess", "alpha")
            let started = try await rpc.call("supervisor.startAllProcesses")
            #expect(started.resultLines == ["web:web-0: 80 OK", "web:web-1: 80 OK"])
            let stopped = try await rpc.call("supervisor.stopAllProcesses", false)
            #expect(stopped.resultLines == ["alpha: 80 OK", "web:web-0: 80 OK", "web:web-1: 80 OK"])
        }
    }

    @Test func missingCommandIsNoFileWithSupervisordsMessage() async throws {
        try await RPCFixture.with([RPCFixture.program("ghost", ["/nonexistent/tend-command"])]) {
            (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.startProcess", "ghost")
                    == XMLRPCFault(code: 20, string: "NO_FILE: can't find command '/nonexistent/tend-command'"))
            let all = try await rpc.call("supervisor.startAllProcesses")
            #expect(all.resultLines == ["ghost: 20 NO_FILE: can't find command '/nonexistent/tend-command'"])
        }
    }

    @Test func processThatExitsWithinStartsecsIsASpawnError() async throws {
        var quick = RPCFixture.shell("quick", "exit 3")
        quick.startSecs = 1
        quick.startRetries = 0
        try await RPCFixture.with([quick]) { (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.startProcess", "quick")
                    == XMLRPCFault(code: 50, string: "SPAWN_ERROR: quick"))
            let info = try await rpc.call("supervisor.getProcessInfo", "quick")
            #expect(info["statename"] == "FATAL")
            #expect(info["spawnerr"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func signalsReachRunningProcessesOnly() async throws {
        let trap = RPCFixture.shell("trap", "trap \"echo got-usr1\" USR1; echo ready; while true; do sleep 0.1; done")
        try await RPCFixture.with(Self.sleepers + [trap]) { (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.signalProcess", "alpha", "HUP")
                    == XMLRPCFault(code: 70, string: "NOT_RUNNING: alpha"))
            try await rpc.call("supervisor.startProcess", "trap")
            try await rpc.waitForOutput("trap", containing: "ready\n")
            #expect(
                await rpc.fault("supervisor.signalProcess", "trap", "BOGUS")
                    == XMLRPCFault(code: 11, string: "BAD_SIGNAL: BOGUS"))
            #expect(try await rpc.call("supervisor.signalProcess", "trap", "usr1") == true)
            try await rpc.waitForOutput("trap", containing: "got-usr1")
            #expect(try await rpc.call("supervisor.readProcessStdoutLog", "trap", -100, 0) == "ready\ngot-usr1\n")
            // A signal number given as an integer works too.
            #expect(try await rpc.call("supervisor.signalProcess", "trap", 10) == true)
            // Groups and all: only the signallable processes are in the results. (WINCH: a signal that
            // leaves `sleep` running, so the later calls find it still there.)
            try await rpc.call("supervisor.startProcess", "web:web-1")
            #expect(
                try await rpc.call("supervisor.signalProcessGroup", "web", "WINCH").resultLines == ["web:web-1: 80 OK"])
            #expect(
                try await rpc.call("supervisor.signalProcessGroup", "web", "NOPE").resultLines
                    == ["web:web-1: 11 BAD_SIGNAL: NOPE"])
            #expect(
                try await rpc.call("supervisor.signalAllProcesses", "CONT").resultLines == [
                    "trap: 80 OK", "web:web-1: 80 OK",
                ])
            #expect(try await rpc.call("supervisor.signalProcess", "web:*", "CONT").resultLines == ["web:web-1: 80 OK"])
        }
    }

    @Test func processInfoHasSupervisordsFields() async throws {
        try await RPCFixture.with(Self.sleepers) { (rpc: RPCFixture) async throws in
            let info = try #require(try await rpc.call("supervisor.getProcessInfo", "web:web-0").structValue)
            #expect(
                Set(info.keys) == [
                    "name", "group", "start", "stop", "now", "state", "statename", "spawnerr", "exitstatus", "logfile",
                    "stdout_logfile", "stderr_logfile", "pid", "description",
                ])
            #expect(info["name"] == "web-0" && info["group"] == "web" && info["state"] == 0)
            #expect(info["description"] == "Not started" && info["start"] == 0 && info["pid"] == 0)
            #expect(info["logfile"] == info["stdout_logfile"])
            #expect(info["stdout_logfile"]?.stringValue?.hasPrefix(rpc.directory) == true)
        }
    }

    @Test func allProcessInfoIsInNameOrder() async throws {
        let programs = [
            RPCFixture.program("zeta"), RPCFixture.program("b", group: "g"), RPCFixture.program("a", group: "g"),
        ]
        try await RPCFixture.with(programs) { (rpc: RPCFixture) async throws in
            let all = try await rpc.call("supervisor.getAllProcessInfo").arrayValue ?? []
            #expect(
                all.map { "\($0["group"]?.stringValue ?? ""):\($0["name"]?.stringValue ?? "")" } == [
                    "g:a", "g:b", "zeta:zeta",
                ])
        }
    }

    @Test func stdinReachesTheProcess() async throws {
        try await RPCFixture.with([RPCFixture.program("cat", ["/bin/cat"])]) { (rpc: RPCFixture) async throws in
            #expect(
                await rpc.fault("supervisor.sendProcessStdin", "cat", "x")
                    == XMLRPCFault(code: 70, string: "NOT_RUNNING: cat"))
            #expect(await rpc.fault("supervisor.sendProcessStdin", "cat", 5)?.code == 2)
            try await rpc.call("supervisor.startProcess", "cat")
            #expect(try await rpc.call("supervisor.sendProcessStdin", "cat", "hello through stdin\n") == true)
            try await rpc.waitForOutput("cat", containing: "hello through stdin\n")
            #expect(try await rpc.call("supervisor.readProcessStdoutLog", "cat", 0, 0) == "hello through stdin\n")
        }
    }
}
