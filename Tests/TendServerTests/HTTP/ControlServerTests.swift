import Foundation
import Logging
import TendClient
import TendConfig
import TendServer
import TendSupervisor
import Testing

/// Listeners: socket mode, stale sockets, authentication, TCP, bind failures, stopping.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ControlServerTests {
    static func mode(_ path: String) -> UInt32? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return UInt32(status.st_mode & 0o7777)
    }

    @Test func socketGetsTheConfiguredModeDefault0700() async throws {
        let server = try await ServerFixture.start()
        #expect(Self.mode(server.socketPath) == 0o700)
        try await server.stop()
        let shared = try await ServerFixture.start(unixSocket: { UnixServerSettings(file: $0, chmod: 0o770) })
        #expect(Self.mode(shared.socketPath) == 0o770)
        try await shared.stop()
    }

    @Test func aStaleSocketFileIsReplaced() async throws {
        let directory = ServerFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tend.sock"
        // A socket file that nothing listens on any more, as a crashed daemon leaves it.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(close(fd) == 0)
        try #require(bound == 0 && FileManager.default.fileExists(atPath: path))
        let server = try await ServerFixture.start(unixSocket: { _ in UnixServerSettings(file: path) })
        let client = TendClient(endpoint: .unix(path: path))
        #expect(try await client.get("/api/v1/programs").status == 200)
        try await server.stop()
    }

    @Test func credentialsAreRequiredWhenConfigured() async throws {
        // sha1("pw"), from Python's hashlib: the tests never spawn helpers beside a supervisor, which reaps them.
        let credentials = Credentials(username: "admin", password: "{SHA}1a91d62f7ca67399625a4368a6ab5d4a3baa6073")
        let server = try await ServerFixture.start(unixSocket: {
            UnixServerSettings(file: $0, credentials: credentials)
        })
        let anonymous = await failure { () async throws(ClientError) in try await server.client.get("/api/v1/programs")
        }
        #expect(anonymous?.kind == .unauthorized && anonymous?.status == 401)
        #expect(anonymous?.message.contains("refused the credentials: give them with -u/-p") == true)
        var wrong = server.client
        wrong.credentials = TendClient.Credentials(username: "admin", password: "nope")
        let refused = await failure { () async throws(ClientError) in try await wrong.get("/api/v1/programs") }
        #expect(refused?.kind == .unauthorized && refused?.status == 401)
        var right = server.client
        right.credentials = TendClient.Credentials(username: "admin", password: "pw")
        #expect(try await right.get("/api/v1/programs").status == 200)
        try await server.stop()
    }

    @Test func tcpListenerServesTooWithItsOwnCredentials() async throws {
        // Below the ephemeral range (32768–60999), so that no client socket of another test holds it.
        let port = Int.random(in: 10_000..<32_000)
        let inet = InetServerSettings(
            host: "127.0.0.1", port: port, credentials: Credentials(username: "u", password: "p"))
        let server = try await ServerFixture.start(inet: inet)
        let tcp = TendClient(endpoint: .tcp(host: "127.0.0.1", port: port))
        let anonymous = await failure { () async throws(ClientError) in try await tcp.get("/api/v1/programs") }
        #expect(anonymous?.kind == .unauthorized && anonymous?.status == 401)
        var authorized = tcp
        authorized.credentials = TendClient.Credentials(username: "u", password: "p")
        #expect(try await authorized.get("/api/v1/programs").status == 200)
        #expect(try await server.client.get("/api/v1/programs").status == 200, "the unix socket has no credentials")
        try await server.stop()
    }

    @Test func aSocketThatCannotBeBoundFailsRunWithTheReason() async throws {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let directory = ServerFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let supervisor = try Supervisor(
            configuration: ServerFixture.configuration([], in: directory),
            options: SupervisorOptions(environment: [:], becomeSubreaper: false), logger: logger)
        let daemon = TestDaemon(supervisor: supervisor, configuration: ServerFixture.configuration([], in: directory))
        let server = ControlServer(
            control: daemon, unixSocket: UnixServerSettings(file: directory + "/missing/tend.sock"), inet: nil,
            logger: logger)
        do {
            try await server.run { Issue.record("must not be ready") }
            Issue.record("run returned")
        } catch let error as ControlServerError {
            #expect(
                error.description == "can't listen on unix://\(directory)/missing/tend.sock: No such file or directory")
        }
        let longPath = "/tmp/" + String(repeating: "x", count: 200)
        let tooLong = ControlServer(
            control: daemon, unixSocket: UnixServerSettings(file: longPath), inet: nil, logger: logger)
        let error = await #expect(throws: ControlServerError.self) {
            try await tooLong.run { Issue.record("must not be ready") }
        }
        #expect(
            error?.description
                == "can't listen on unix://\(longPath): the path is 205 bytes long, a socket path holds at most 107")
        #expect(!FileManager.default.fileExists(atPath: longPath))
    }

    @Test func cancellationStopsTheServerAndEndsFollowers() async throws {
        let server = try await ServerFixture.start([ServerFixture.program("quiet", "echo ready; exec sleep 600")])
        let (connected, isConnected) = AsyncStream<Void>.makeStream()
        let follower = Task {
            // The backlog, or the line as it is written: either way the follow is in place once it arrives.
            var received = ""
            for try await bytes in server.client.stream("/api/v1/programs/quiet/log/follow?bytes=6") {
                received += String(decoding: bytes, as: UTF8.self)
                if received.contains("ready\n") { isConnected.yield() }
            }
            return received
        }
        var iterator = connected.makeAsyncIterator()
        await iterator.next()
        try await server.stop()
        // A graceful stop ends the follow as a finished answer, not a broken connection.
        let received = try await follower.value
        #expect(received.hasPrefix("ready\n"), "\(received)")
        let error = await failure { () async throws(ClientError) in try await server.client.get("/api/v1/programs") }
        #expect(error?.kind == .unreachable)
    }
}
