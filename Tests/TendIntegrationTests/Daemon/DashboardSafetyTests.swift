import Foundation
import Testing

/// What keeps the dashboard safe in a browser: cross-site requests that change something are refused, and a TCP
/// listener open beyond loopback without a password is reported for the page to show.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct DashboardSafetyTests {
    @Test func aCrossSitePostIsRefusedAndASameOriginOneOrOneWithoutOriginGoesThrough() async throws {
        let daemon = try DaemonFixture(programs: "[program:web]\ncommand = /bin/sleep 600\n")
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("web", "RUNNING")
        let body = Array(#"{"names": ["web"], "wait": true}"#.utf8)
        let evil = try UnixHTTP.request(
            daemon.socketPath, "POST", "/api/v1/programs/stop", body: body, headers: ["Origin": "http://evil.example"])
        #expect(evil.status == 403 && evil.body.contains("cross-origin request refused"), "\(evil)")
        let fetched = try UnixHTTP.request(
            daemon.socketPath, "POST", "/api/v1/programs/stop", body: body, headers: ["Sec-Fetch-Site": "cross-site"])
        #expect(fetched.status == 403, "\(fetched)")
        #expect(try daemon.states()["web"]?.state == "RUNNING")
        let page = try UnixHTTP.request(
            daemon.socketPath, "POST", "/api/v1/programs/stop", body: body, headers: ["Origin": "http://localhost"])
        #expect(page.status == 200, "the page's own origin: \(page)")
        #expect(try daemon.states()["web"]?.state == "STOPPED")
        let script = try daemon.http("POST", "/api/v1/programs/start", #"{"names": ["web"], "wait": true}"#)
        #expect(script.status == 200, "no Origin (the CLI, curl, supervisorctl): \(script)")
        let home = try daemon.http("GET", "/")
        #expect(home.status == 200 && home.body.contains("<title>Tend</title>"))
    }

    @Test func aTCPListenerBeyondLoopbackWithoutAPasswordIsReportedAsExposed() async throws {
        let port = FreePorts.consecutive(2)
        let open = try DaemonFixture(programs: "[inet_http_server]\nport = *:\(port)\n")
        defer { open.tearDown() }
        try open.start()
        #expect(try open.http("GET", "/api/v1/daemon").json["exposed"] as? Bool == true)
        let loopback = try DaemonFixture(programs: "[inet_http_server]\nport = 127.0.0.1:\(port + 1)\n")
        defer { loopback.tearDown() }
        try loopback.start()
        #expect(try loopback.http("GET", "/api/v1/daemon").json["exposed"] as? Bool == false)
    }
}
