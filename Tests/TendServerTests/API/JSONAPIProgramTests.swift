import Foundation
import TendAPI
import TendClient
import TendConfig
import TendServer
import TendSupervisor
import Testing

/// The program routes of the JSON API against a real supervisor and real children.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JSONAPIProgramTests {
    static let programs = [
        ServerFixture.program("web", "echo web says hi; echo oops >&2; exec sleep 600"),
        ServerFixture.program("worker_00", "exec sleep 600", group: "worker"),
        ServerFixture.program("worker_01", "exec sleep 600", group: "worker"),
    ]

    @Test func programsListsEveryProcessOrTheNamedOnes() async throws {
        let server = try await ServerFixture.start(Self.programs)
        let all = try await server.client.get("/api/v1/programs").decode([ProcessStatus].self)
        #expect(Set(all.map(\.displayName)) == ["web", "worker:worker_00", "worker:worker_01"])
        #expect(all.allSatisfy { $0.state == .running && $0.pid > 0 })
        let some = try await server.client.get("/api/v1/programs?name=web&name=worker:*").decode([ProcessStatus].self)
        #expect(some.count == 3)
        let one = try await server.client.get("/api/v1/programs?name=worker%3Aworker_01").decode([ProcessStatus].self)
        #expect(one.map(\.name) == ["worker_01"])
        try await server.stop()
    }

    @Test func unknownNameIs404WithTheFaultAndItsCode() async throws {
        let server = try await ServerFixture.start(Self.programs)
        let error = await failure { () async throws(ClientError) in
            try await server.client.get("/api/v1/programs?name=nope")
        }
        #expect(error?.status == 404)
        #expect(error?.message == "BAD_NAME: nope")
        #expect(error?.faultCode == 10)
        try await server.stop()
    }

    @Test func stopStartAndRestartReportEachProcess() async throws {
        let server = try await ServerFixture.start(Self.programs)
        let client = server.client
        let before = try await client.get("/api/v1/programs?name=web").decode([ProcessStatus].self)[0].pid

        let stopped = try await client.post("/api/v1/programs/stop", json: APIRequest.Names(names: ["worker:*"]))
            .decode([ActionResult].self)
        #expect(Set(stopped.map(\.displayName)) == ["worker:worker_00", "worker:worker_01"])
        #expect(stopped.allSatisfy { $0.error == nil })
        let again = try await client.post("/api/v1/programs/stop", json: APIRequest.Names(names: ["worker:worker_00"]))
            .decode([ActionResult].self)
        #expect(again.first?.error?.code == .notRunning)

        let started = try await client.post(
            "/api/v1/programs/start", json: APIRequest.Names(names: ["worker:*", "ghost"])
        ).decode([ActionResult].self)
        #expect(started.contains { $0.name == "ghost" && $0.error?.code == .badName })
        #expect(started.filter { $0.error == nil }.count == 2)
        let already = try await client.post(
            "/api/v1/programs/start", json: APIRequest.Names(names: ["web"], wait: false)
        ).decode([ActionResult].self)
        #expect(already.first?.error?.code == .alreadyStarted)

        let restarted = try await client.post("/api/v1/programs/restart", json: APIRequest.Names(names: ["web"]))
            .decode([ActionResult].self)
        #expect(restarted.map(\.displayName) == ["web"] && restarted[0].error == nil)
        let after = try await client.get("/api/v1/programs?name=web").decode([ProcessStatus].self)[0]
        #expect(after.state == .running && after.pid != before)
        try await server.stop()
    }

    @Test func signalReachesTheProcessAndBadSignalsAre400() async throws {
        let server = try await ServerFixture.start(Self.programs)
        let client = server.client
        let pid = try await client.get("/api/v1/programs?name=worker:worker_00").decode([ProcessStatus].self)[0].pid
        let results = try await client.post(
            "/api/v1/programs/signal", json: APIRequest.Signal(names: ["worker:worker_00"], signal: "KILL")
        ).decode([ActionResult].self)
        #expect(results.count == 1 && results[0].error == nil)
        for _ in 0..<200 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(kill(pid, 0) != 0, "SIGKILL reached the process")

        let error = await failure { () async throws(ClientError) in
            try await client.post("/api/v1/programs/signal", json: APIRequest.Signal(names: ["web"], signal: "NOPE"))
        }
        #expect(error?.status == 400 && error?.faultCode == 11 && error?.message == "BAD_SIGNAL: NOPE")
        try await server.stop()
    }

    @Test func logTailsEitherStreamAndClearEmptiesIt() async throws {
        let server = try await ServerFixture.start(Self.programs)
        let client = server.client
        var chunk = LogChunk(text: "", offset: 0, overflow: false)
        for _ in 0..<200 where !chunk.text.contains("web says hi") {
            chunk = try await client.get("/api/v1/programs/web/log").decode(LogChunk.self)
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(chunk.text == "web says hi\n")
        let stderr = try await client.get("/api/v1/programs/web/log?stream=stderr").decode(LogChunk.self)
        #expect(stderr.text == "oops\n")
        let short = try await client.get("/api/v1/programs/web/log?length=4").decode(LogChunk.self)
        #expect(short.text == " hi\n")
        #expect(short.overflow)

        let cleared = try await client.post("/api/v1/programs/clear", json: APIRequest.Names(names: ["web"])).decode(
            [ActionResult].self)
        #expect(cleared.count == 1 && cleared[0].error == nil)
        #expect(try await client.get("/api/v1/programs/web/log").decode(LogChunk.self).text.isEmpty)

        let badStream = await failure { () async throws(ClientError) in
            try await client.get("/api/v1/programs/web/log?stream=stdin")
        }
        #expect(badStream?.status == 400)
        let badName = await failure { () async throws(ClientError) in try await client.get("/api/v1/programs/nope/log")
        }
        #expect(badName?.status == 404 && badName?.faultCode == 10)
        try await server.stop()
    }

    @Test func followStreamsWhatTheProcessWritesFromNowOn() async throws {
        let server = try await ServerFixture.start([ServerFixture.program("echo", "exec cat")])
        let client = server.client
        try await server.supervisor.sendStdin("echo", "first\n")
        for _ in 0..<200 {
            if try await client.get("/api/v1/programs/echo/log").decode(LogChunk.self).text == "first\n" { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        // The backlog comes first, which shows the subscription is in place; then new output follows.
        var received: [UInt8] = []
        var sentSecond = false
        for try await bytes in client.stream("/api/v1/programs/echo/log/follow?bytes=6") {
            received += bytes
            let text = String(decoding: received, as: UTF8.self)
            if text == "first\n" && !sentSecond {
                sentSecond = true
                try await server.supervisor.sendStdin("echo", "second\n")
            }
            if text == "first\nsecond\n" { break }
        }
        #expect(String(decoding: received, as: UTF8.self) == "first\nsecond\n")
        // The server is still fine after the follower went away.
        #expect(try await client.get("/api/v1/programs?name=echo").decode([ProcessStatus].self).count == 1)
        try await server.stop()
    }

    @Test func followOfAnUnknownProcessFailsWith404() async throws {
        let server = try await ServerFixture.start()
        await #expect(throws: ClientError.self) {
            for try await _ in server.client.stream("/api/v1/programs/nope/log/follow") {}
        }
        try await server.stop()
    }
}
