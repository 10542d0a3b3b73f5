import Foundation
import TendClient
import Testing

/// The client's failures when there is no daemon: one line, fast, saying what to do.
struct TendClientTests {
    @Test(.timeLimit(.minutes(1))) func aMissingSocketFailsAtOnceWithWhatToDo() async {
        let client = TendClient(endpoint: .unix(path: "/tmp/tend-no-such-dir/tend.sock"))
        do {
            _ = try await client.get("/api/v1/programs")
            Issue.record("connected to nothing")
        } catch {
            #expect(error.kind == .unreachable)
            #expect(
                error.message
                    == "can't reach the daemon at unix:///tmp/tend-no-such-dir/tend.sock: No such file or directory (is it running? start it with 'tend up')"
            )
        }
    }

    @Test func aClosedPortIsRefused() async {
        let client = TendClient(endpoint: .tcp(host: "127.0.0.1", port: 1))
        await #expect(throws: ClientError.self) { _ = try await client.get("/") }
        do {
            _ = try await client.get("/")
        } catch {
            #expect(error.message.contains("Connection refused"), "\(error)")
            #expect(!error.message.contains("\n"))
        }
    }
}
