import Foundation
import TendClient
import TendConfig
import TendSupervisor
import Testing

@testable import TendServer

/// `/RPC2`, `/logtail` and `/mainlogtail` over the control server's unix socket.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct XMLRPCRoutesTests {
    /// Runs `body` with a control server over `programs`, then stops it, whether `body` succeeded or not.
    static func withServer(_ programs: [ProgramSpec] = [], _ body: (ServerFixture) async throws -> Void) async throws {
        let server = try await ServerFixture.start(programs)
        do {
            try await body(server)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    static func call(_ server: ServerFixture, _ method: String, _ params: XMLRPCValue...) async throws -> XMLRPCResponse
    {
        let body = XMLRPCEncoder.call(XMLRPCCall(methodName: method, params: params))
        let response = try await server.client.post("/RPC2", bytes: body)
        #expect(response.status == 200)
        return try XMLRPCDecoder.decodeResponse(response.body)
    }

    @Test func rpc2AnswersCallsAndFaults() async throws {
        let sleeper = ServerFixture.program("sleeper", "exec sleep 1000")
        try await Self.withServer([sleeper]) { (server: ServerFixture) async throws in
            let info = try await Self.call(server, "supervisor.getProcessInfo", "sleeper")
            guard case .success(let value) = info else {
                throw FixtureError(description: "getProcessInfo failed: \(info)")
            }
            #expect(value["statename"] == "RUNNING")
            #expect(
                try await Self.call(server, "supervisor.getProcessInfo", "nope")
                    == .fault(XMLRPCFault(.badName, "nope")))
        }
    }

    @Test func malformedAndOversizedBodiesAreRefusedAndTheServerGoesOn() async throws {
        try await Self.withServer { (server: ServerFixture) async throws in
            let malformed = await failure { () throws(ClientError) in
                try await server.client.post("/RPC2", bytes: Array("<methodCall><methodName>x</methodName".utf8))
            }
            #expect(malformed != nil)
            let huge =
                Array("<methodCall><methodName>supervisor.getState</methodName><params><param><value>".utf8)
                + [UInt8](repeating: 0x61, count: ControlRequestContext.maxBodySize)
                + Array("</value></param></params></methodCall>".utf8)
            let oversized = await failure { () throws(ClientError) in try await server.client.post("/RPC2", bytes: huge)
            }
            #expect(oversized != nil)
            #expect(try await Self.call(server, "supervisor.getAPIVersion") == .success("3.0"))
        }
    }

    @Test func logtailSendsTheBacklogThenWhatTheProcessWrites() async throws {
        let echo = ServerFixture.program("echo", "echo first-line; while read line; do echo \"got $line\"; done")
        try await Self.withServer([echo]) { (server: ServerFixture) async throws in
            // The program's first line is in its log before the follow starts.
            let chunks = try await server.supervisor.follow("echo:echo", stream: .stdout)
            let backlog = try await server.supervisor.tail("echo:echo", stream: .stdout, offset: 0, length: 100).text
            if !backlog.contains("first-line") {
                for await chunk in chunks where String(decoding: chunk, as: UTF8.self).contains("first-line") { break }
            }
            var text = ""
            for try await chunk in server.client.stream("/logtail/echo/stdout") {
                text += String(decoding: chunk, as: UTF8.self)
                if text == "first-line\n" {
                    _ = try await Self.call(server, "supervisor.sendProcessStdin", "echo", "typed\n")
                }
                if text.contains("got typed\n") { break }
            }
            #expect(text == "first-line\ngot typed\n")
        }
    }

    @Test func unknownLogsAre404() async throws {
        let sleeper = ServerFixture.program("sleeper", "exec sleep 1000")
        try await Self.withServer([sleeper]) { (server: ServerFixture) async throws in
            for path in ["/logtail/nope", "/logtail/sleeper/bogus", "/logtail/sleeper:*/stdout", "/mainlogtail"] {
                let error = await failure { () throws(ClientError) in try await server.client.get(path) }
                #expect(error != nil, "\(path)")
            }
        }
    }
}
