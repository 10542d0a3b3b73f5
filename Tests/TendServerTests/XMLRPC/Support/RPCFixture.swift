import Foundation
import Logging
import TendAPI
import TendConfig
import TendSupervisor
import Testing

@testable import TendServer

/// A real supervisor with the given programs (not started), the XML-RPC methods over it, and calls
/// that go through the whole pipeline: encoded as Python would, decoded, run, answered, decoded.
struct RPCFixture {
    let directory: String
    let daemon: TestDaemon
    let endpoint: XMLRPCEndpoint

    var supervisor: Supervisor { daemon.supervisor }

    /// - Parameter logLines: what the daemon's log file holds (no log file when `nil`).
    static func start(_ programs: [ProgramSpec], logLines: String? = "daemon started\n") async throws -> RPCFixture {
        let directory = ServerFixture.makeTemporaryDirectory()
        // Automatic log files go to the directory (`childlogdir`).
        let configuration = ServerFixture.configuration(programs, in: directory)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let supervisor = try Supervisor(
            configuration: configuration,
            options: SupervisorOptions(environment: ["PATH": "/usr/bin:/bin"], becomeSubreaper: false), logger: logger)
        await supervisor.activate()
        var logfile: String?
        if let logLines {
            logfile = directory + "/tend.log"
            try Data(logLines.utf8).write(to: URL(fileURLWithPath: logfile!))
        }
        // A pid other than the test process's, so the answers show it comes from the daemon.
        let daemon = TestDaemon(supervisor: supervisor, configuration: configuration, pid: 4242, logfile: logfile)
        let methods = XMLRPCMethods(control: daemon, logger: logger)
        return RPCFixture(
            directory: directory, daemon: daemon, endpoint: XMLRPCEndpoint(methods: methods, logger: logger))
    }

    /// Runs `body` with a fixture over `programs`, then stops every process and removes the directory,
    /// whether `body` succeeded or not.
    static func with(
        _ programs: [ProgramSpec], logLines: String? = "daemon started\n", _ body: (RPCFixture) async throws -> Void
    ) async throws {
        let rpc = try await start(programs, logLines: logLines)
        do {
            try await body(rpc)
        } catch {
            await rpc.stop()
            throw error
        }
        await rpc.stop()
    }

    /// Waits, event-driven, until the process's log holds `text`; fails after 10 s.
    func waitForOutput(_ name: String, stream: TendAPI.OutputStream = .stdout, containing text: String)
        async throws
    {
        let qualified = Namespec(name).process.map { "\(Namespec(name).group):\($0)" } ?? name
        let chunks = try await supervisor.follow(qualified, stream: stream)
        let initial = try await supervisor.tail(qualified, stream: stream, offset: 0, length: 1 << 16).text
        if initial.contains(text) { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var seen = initial
                for await chunk in chunks {
                    seen += String(decoding: chunk, as: UTF8.self)
                    if seen.contains(text) { return }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                throw FixtureError(description: "\(name) did not write \(text) within 10 s")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Stops every process and removes the directory.
    func stop() async {
        await supervisor.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Calls `method`; the fault as a thrown error. The post-response actions run, as after an answer.
    @discardableResult
    func call(_ method: String, _ params: XMLRPCValue...) async throws(XMLRPCFault) -> XMLRPCValue {
        let reply = await endpoint.reply(to: XMLRPCEncoder.call(XMLRPCCall(methodName: method, params: params)))
        for action in reply.afterResponse { await action() }
        let response: XMLRPCResponse
        do {
            response = try XMLRPCDecoder.decodeResponse(reply.body)
        } catch {
            Issue.record("undecodable answer (HTTP \(reply.status)): \(String(decoding: reply.body, as: UTF8.self))")
            throw XMLRPCFault(code: -1, string: "undecodable")
        }
        switch response {
        case .success(let value): return value
        case .fault(let fault): throw fault
        }
    }

    /// The fault `method` answers, or a test failure when it succeeds.
    func fault(_ method: String, _ params: XMLRPCValue...) async -> XMLRPCFault? {
        let reply = await endpoint.reply(to: XMLRPCEncoder.call(XMLRPCCall(methodName: method, params: params)))
        guard case .fault(let fault)? = try? XMLRPCDecoder.decodeResponse(reply.body) else {
            Issue.record("\(method) did not fail: \(String(decoding: reply.body, as: UTF8.self))")
            return nil
        }
        return fault
    }

    /// The `state` of a process, by `getProcessInfo`.
    func state(_ name: String) async throws -> String? {
        try await call("supervisor.getProcessInfo", .string(name))["statename"]?.stringValue
    }

    /// `/bin/sleep 1000` (or `arguments`), logging to files in the fixture's directory, up at once, not autostarted.
    static func program(_ name: String, group: String? = nil, _ arguments: [String] = ["/bin/sleep", "1000"])
        -> ProgramSpec
    {
        var spec = ProgramSpec(
            name: name, groupName: group ?? name, command: arguments.joined(separator: " "), arguments: arguments)
        spec.startSecs = 0
        spec.stopWaitSecs = 2
        spec.autostart = false
        return spec
    }

    /// A `/bin/sh -c script` program.
    static func shell(_ name: String, _ script: String, group: String? = nil) -> ProgramSpec {
        var spec = program(name, group: group, ["/bin/sh", "-c", script])
        spec.command = "/bin/sh -c '\(script)'"
        return spec
    }
}

extension XMLRPCValue {
    /// The elements of an array of `{name, group, status, description}` results as `name: status description`.
    var resultLines: [String] {
        (arrayValue ?? []).map { result in
            let name = Namespec.make(
                group: result["group"]?.stringValue ?? "?", process: result["name"]?.stringValue ?? "?")
            return "\(name): \(result["status"]?.intValue ?? -1) \(result["description"]?.stringValue ?? "?")"
        }
    }
}
