import Foundation
import Logging
import Synchronization
import TendClient
import TendConfig
import TendServer
import TendSupervisor
import Testing

/// A control server on a socket in a temp directory, over a supervisor running `programs`.
struct ServerFixture {
    let directory: String
    let daemon: TestDaemon
    let socketPath: String
    let client: TendClient
    private let serverTask: Task<Void, any Error>

    var supervisor: Supervisor { daemon.supervisor }

    /// Starts every program (waiting until running), then the server; returns once it is bound.
    static func start(
        _ programs: [ProgramSpec] = [], unixSocket: ((String) -> UnixServerSettings)? = nil,
        inet: InetServerSettings? = nil,
        credentials: TendClient.Credentials? = nil
    ) async throws -> ServerFixture {
        let directory = makeTemporaryDirectory()
        let socketPath = directory + "/tend.sock"
        let configuration = Self.configuration(programs, in: directory)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let supervisor = try Supervisor(
            configuration: configuration,
            options: SupervisorOptions(environment: ["PATH": "/usr/bin:/bin"], becomeSubreaper: false),
            logger: logger)
        await supervisor.activate()
        if !programs.isEmpty { _ = await supervisor.start(["all"], wait: true) }
        let daemon = TestDaemon(supervisor: supervisor, configuration: configuration)
        let unix = unixSocket?(socketPath) ?? UnixServerSettings(file: socketPath)
        let server = ControlServer(control: daemon, unixSocket: unix, inet: inet, logger: logger)
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let task = Task {
            defer { readyContinuation.finish() }
            try await server.run { readyContinuation.yield() }
        }
        var iterator = ready.makeAsyncIterator()
        if await iterator.next() == nil {
            try await task.value
            throw FixtureError(description: "the server returned before it was ready")
        }
        return ServerFixture(
            directory: directory, daemon: daemon, socketPath: socketPath,
            client: TendClient(endpoint: .unix(path: socketPath), credentials: credentials), serverTask: task)
    }

    /// Stops the server (by cancellation), every process, and removes the directory.
    func stop() async throws {
        serverTask.cancel()
        try await serverTask.value
        await supervisor.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A program running `script` with /bin/sh, up at once (startsecs 0), not autostarted.
    static func program(_ name: String, _ script: String, group: String? = nil) -> ProgramSpec {
        var spec = ProgramSpec(
            name: name, groupName: group ?? name, command: "/bin/sh -c '\(script)'",
            arguments: ["/bin/sh", "-c", script])
        spec.startSecs = 0
        spec.stopWaitSecs = 2
        spec.autostart = false
        spec.stdoutLog = LogSpec(destination: .none)
        spec.stderrLog = LogSpec(destination: .none)
        return spec
    }

    static func configuration(_ programs: [ProgramSpec], in directory: String) -> Configuration {
        var daemon = DaemonSettings(workingDirectory: directory, temporaryDirectory: directory)
        daemon.childlogdir = directory
        let grouped = Dictionary(grouping: programs, by: \.groupName)
        let groups = grouped.keys.sorted().map {
            GroupSpec(name: $0, priority: 999, kind: .program, programs: grouped[$0]!)
        }
        return Configuration(path: directory + "/supervisord.conf", daemon: daemon, groups: groups)
    }

    static func makeTemporaryDirectory() -> String {
        var template = Array("/tmp/tend-srv-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return made.map { String(cString: $0) } ?? "/tmp/tend-srv-\(getpid())-\(Int.random(in: 0..<1_000_000))"
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

extension ClientResponse {
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// The failure a request ends with, or a test failure when it succeeds.
func failure(of request: () async throws(ClientError) -> ClientResponse) async -> ClientError? {
    do {
        let response = try await request()
        Issue.record("expected a failure, got \(response.status): \(response.text)")
        return nil
    } catch {
        return error
    }
}
