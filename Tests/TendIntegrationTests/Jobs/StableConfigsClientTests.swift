import Foundation
import Testing

/// The StableConfigs server's own API tests (`server/tests/test_api.py`), as its client drives the API: `POST
/// /task` answers 202 with a task id, then `GET /status/<id>` is asked again while it answers 202 (or 203),
/// and the final code and fields are checked. Runs the `[task:stableconfigs]` section of
/// `examples/stableconfigs/tend.conf` with the solver built beside the tests.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct StableConfigsClientTests {
    /// test_api.py's network: `a b >mon1`, `a* b* >mon2`, `a >mon3`, `b >mon4`.
    static let monomers = [["a", "b", ">mon1"], ["a*", "b*", ">mon2"], ["a", ">mon3"], ["b", ">mon4"]]

    private func post(_ daemon: DaemonFixture, _ request: [String: Any]) throws -> String {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        let answer = try daemon.http("POST", "/task", body)
        #expect(answer.status == 202, "\(answer)")
        return try #require(answer.json["task_id"] as? String, "\(answer)")
    }

    /// Asks for the status again while it is 202 or 203, as the seed's client does; every answer in progress
    /// is `{"status": "Progress", …}`.
    private func settle(_ daemon: DaemonFixture, _ id: String) async throws -> HTTPAnswer {
        try await daemon.waitForAnswer("/status/\(id)", timeout: .seconds(60)) { answer in
            guard answer.status == 202 || answer.status == 203 else { return true }
            #expect(answer.json["status"] as? String == "Progress", "\(answer)")
            return false
        }
    }

    private func started() throws -> DaemonFixture {
        let daemon = try DaemonFixture(programs: try StableConfigsServedTests.exampleTask())
        try daemon.start()
        return daemon
    }

    @Test func basicLocalServer() async throws {
        let daemon = try started()
        defer { daemon.tearDown() }
        let done = try await settle(daemon, try post(daemon, ["monomers": Self.monomers, "gen": 2]))
        #expect(done.status == 200 && done.json["status"] as? String == "COMPLETE", "\(done)")
        #expect(done.json["count"] as? Int == 2 && done.json["entropy"] as? Int == 3, "\(done)")
    }

    @Test func basicWithConstraintsAndTheRequestDefaults() async throws {
        let daemon = try started()
        defer { daemon.tearDown() }
        // No gen and no init_k: 1 and 1, as the original's defaults.
        let constrained: [String: Any] = ["monomers": Self.monomers, "constraints": [["FREE", "mon1"]]]
        let done = try await settle(daemon, try post(daemon, constrained))
        #expect(done.status == 200 && done.json["count"] as? Int == 1 && done.json["entropy"] as? Int == 3, "\(done)")
        // No constraints either: [].
        let plain = try await settle(daemon, try post(daemon, ["monomers": Self.monomers]))
        #expect(plain.status == 200 && plain.json["count"] as? Int == 1, "\(plain)")
        #expect(plain.json["entropy"] as? Int == 3, "\(plain)")
    }

    @Test func tbnErrorsAre401WithTheReferencesMessages() async throws {
        let daemon = try started()
        defer { daemon.tearDown() }
        let empty = try await settle(daemon, try post(daemon, ["monomers": [], "constraints": []]))
        #expect(empty.status == 401 && empty.json["status"] as? String == "TBNException", "\(empty)")
        #expect((empty.json["message"] as? String)?.contains("Input contains no monomers") == true, "\(empty)")
        let unpairable: [String: Any] = ["monomers": [["a:s1"]], "constraints": [["ANYPAIRED", "s1"]]]
        let anyPaired = try await settle(daemon, try post(daemon, unpairable))
        #expect(anyPaired.status == 401 && anyPaired.json["status"] as? String == "TBNException", "\(anyPaired)")
        #expect((anyPaired.json["message"] as? String)?.contains("Binding Site [s1]") == true, "\(anyPaired)")
    }

    /// test_api.py's `test_terminate`: terminate right after submit. The job either finished first (200 with
    /// its result) or the solver took the stop request at a check point (401 `Early Termination`); the
    /// example's `stop_when_ready` holds a request that comes before the solver set its SIGTERM handler. A job
    /// still waiting in the queue never starts (402, `terminated on request before it started`). Repeated, with
    /// a few jobs at a time so that the first ones can finish before their request comes, until both outcomes
    /// of the race were seen.
    @Test func terminateRightAfterSubmitSeesBothOutcomesOfTheRace() async throws {
        let daemon = try started()
        defer { daemon.tearDown() }
        var seen: [Int: Int] = [:]
        var round = 0
        while round < 60 && (seen[200] == nil || seen[401] == nil) {
            round += 1
            var ids: [String] = []
            for _ in 0..<min(round, 6) { ids.append(try post(daemon, ["monomers": Self.monomers, "gen": 1])) }
            for id in ids {
                let terminate = try daemon.http("DELETE", "/terminate/\(id)")
                #expect(terminate.status == 200 && terminate.json["status"] as? String == "terminating task: \(id)")
            }
            for id in ids {
                let end = try await settle(daemon, id)
                let message = end.json["message"] as? String ?? ""
                switch end.status {
                case 200:
                    #expect(end.json["status"] as? String == "COMPLETE" && end.json["count"] as? Int == 1, "\(end)")
                    #expect(end.json["entropy"] as? Int == 3, "\(end)")
                case 401:
                    #expect(end.json["status"] as? String == "TBNException", "\(end)")
                    #expect(message.hasPrefix("Early Termination at count ["), "\(end)")
                case 402:
                    #expect(end.json["status"] as? String == "Exception", "\(end)")
                    #expect(message == "terminated on request before it started", "\(end)")
                default:
                    Issue.record("unexpected answer after terminate: \(end)")
                }
                seen[end.status, default: 0] += 1
            }
        }
        #expect(seen[200] != nil && seen[401] != nil, "outcomes after \(round) rounds: \(seen)")
    }
}
