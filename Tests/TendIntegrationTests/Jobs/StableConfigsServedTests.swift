import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The seed's StableConfigs API served by Tend end to end: the `[task:stableconfigs]` section of
/// `examples/stableconfigs/tend.conf` (its command pointed at the solver built beside the tests), the seed's
/// request, its TBN error, and terminate during a long solve (the solver's own `Early Termination`).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct StableConfigsServedTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let solver = URL(fileURLWithPath: DaemonFixture.tendBinary).deletingLastPathComponent()
        .appendingPathComponent("stableconfigs").path

    /// The example's task section, running the solver built with the tests.
    static func exampleTask() throws -> String {
        let example = try String(
            contentsOf: repository.appendingPathComponent("examples/stableconfigs/tend.conf"), encoding: .utf8)
        let section = try #require(example.range(of: "[task:stableconfigs]"))
        return String(example[section.lowerBound...])
            .replacingOccurrences(of: "%(here)s/../../.build/release/stableconfigs", with: solver)
    }

    static let seedRequest = #"""
        {"monomers": [["a", "b"], ["a*", "b*"], ["a*", ">mon1"], ["b*"]], "constraints": [["FREE", "mon1"]], "gen": 2, "init_k": 2}
        """#

    @Test func theSeedsRequestErrorAndTerminate() async throws {
        let daemon = try DaemonFixture(programs: try Self.exampleTask())
        defer { daemon.tearDown() }
        try daemon.start()

        let id = try #require(try daemon.http("POST", "/task", Self.seedRequest).json["task_id"] as? String)
        let done = try await daemon.waitForAnswer("/status/\(id)") { $0.status != 202 }
        #expect(done.status == 200 && done.json["status"] as? String == "COMPLETE", "\(done)")
        // The answer is the solver's own result, passed through.
        let direct = try DaemonFixture.run(
            "/bin/sh", ["-c", "printf '%s' \"$1\" | \"$2\" --job", "sh", Self.seedRequest, Self.solver])
        var expected = try #require(try JSONSerialization.jsonObject(with: Data(direct.stdout.utf8)) as? [String: Any])
        expected["status"] = "COMPLETE"
        #expect(NSDictionary(dictionary: done.json).isEqual(to: expected), "\(done) vs \(direct)")
        let configs = try #require(done.json["configs"] as? [[String: Any]])
        #expect(done.json["count"] as? Int == configs.count && configs.count >= 1)
        #expect(configs.allSatisfy { ($0["polymers"] as? [Any])?.count == $0["polymers_count"] as? Int })

        let empty = try #require(try daemon.http("POST", "/task", #"{"monomers": []}"#).json["task_id"] as? String)
        let error = try await daemon.waitForAnswer("/status/\(empty)") { $0.status != 202 }
        #expect(error.status == 401 && error.json["status"] as? String == "TBNException", "\(error)")
        #expect(error.json["message"] as? String == "Input contains no monomers.", "\(error)")

        // A long solve (many configurations of a large network) reports progress and stops on request.
        let network = try String(
            contentsOf: Self.repository.appendingPathComponent(
                "examples/stableconfigs/data/inputs/wraparound_sorting_network.txt"),
            encoding: .utf8)
        let monomers = network.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter {
            !$0.isEmpty
        }
        let body = try JSONSerialization.data(withJSONObject: ["monomers": monomers, "gen": 1_000_000])
        let long = try #require(
            try daemon.http("POST", "/task", String(decoding: body, as: UTF8.self)).json["task_id"] as? String)
        let progress = try await daemon.waitForAnswer("/status/\(long)") { $0.json["k"] != nil || $0.status != 202 }
        #expect(progress.status == 202 && progress.json["count"] != nil, "\(progress)")
        let pid = Int32(try #require(try daemon.http("GET", "/api/v1/jobs/\(long)").json["pid"] as? Int))
        let terminate = try daemon.http("DELETE", "/terminate/\(long)")
        #expect(terminate.status == 200 && terminate.json["status"] as? String == "terminating task: \(long)")
        // The solver takes SIGTERM as the original's abort: it stops at its next check point with its own error.
        let stopped = try await daemon.waitForAnswer("/status/\(long)") { $0.status != 202 }
        #expect(stopped.status == 401 && stopped.json["status"] as? String == "TBNException", "\(stopped)")
        #expect((stopped.json["message"] as? String)?.hasPrefix("Early Termination at count [") == true, "\(stopped)")
        #expect(!isAlive(pid))
    }
}
