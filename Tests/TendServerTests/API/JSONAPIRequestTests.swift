import Foundation
import TendAPI
import TendClient
import TendServer
import Testing

/// Bad requests get a 4xx with a message, and never hurt the server.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JSONAPIRequestTests {
    @Test func malformedBodiesAre400WithAMessage() async throws {
        let server = try await ServerFixture.start()
        let client = server.client
        let notJSON = await failure { () async throws(ClientError) in
            try await client.post("/api/v1/programs/start", bytes: Array("{names: ".utf8))
        }
        #expect(notJSON?.status == 400 && notJSON?.message.hasPrefix("the body is not valid JSON") == true)
        let wrongType = await failure { () async throws(ClientError) in
            try await client.post("/api/v1/programs/start", bytes: Array(#"{"names": "web"}"#.utf8))
        }
        #expect(
            wrongType?.status == 400 && wrongType?.message.contains("'names'") == true,
            "\(String(describing: wrongType))")
        let missing = await failure { () async throws(ClientError) in
            try await client.post("/api/v1/programs/stop", bytes: Array("{}".utf8))
        }
        #expect(missing?.status == 400 && missing?.message == "the body has no 'names'")
        let empty = await failure { () async throws(ClientError) in
            try await client.post("/api/v1/programs/stop", json: APIRequest.Names(names: []))
        }
        #expect(empty?.status == 400)
        let badLength = await failure { () async throws(ClientError) in
            try await client.get("/api/v1/programs/x/log?length=-1")
        }
        #expect(badLength?.status == 400)
        try await server.stop()
    }

    @Test func unknownRoutesAre404AndBigBodiesAre413() async throws {
        let server = try await ServerFixture.start()
        let client = server.client
        let missing = await failure { () async throws(ClientError) in try await client.get("/api/v1/nothing") }
        #expect(missing?.status == 404 && missing?.message == "no such route: GET /api/v1/nothing")
        let wrongMethod = await failure { () async throws(ClientError) in try await client.get("/api/v1/reread") }
        #expect(wrongMethod?.status == 404)
        let big = await failure { () async throws(ClientError) in
            try await client.post(
                "/api/v1/programs/start", bytes: [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1))
        }
        #expect(big?.status == 413)
        // Still serving.
        #expect(try await client.get("/api/v1/programs").status == 200)
        try await server.stop()
    }
}
