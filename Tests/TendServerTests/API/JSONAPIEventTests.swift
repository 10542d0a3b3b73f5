import FoundationEssentials
import TendAPI
import TendConfig
import Testing

/// `GET /api/v1/events`: state and health changes, one JSON object per line.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct JSONAPIEventTests {
    @Test func eventsStreamStateChangesAndHealthAsJSONLines() async throws {
        var spec = ServerFixture.program("db", "exec sleep 60")
        var probe = Probe(check: .exec(arguments: ["/bin/true"]))
        probe.interval = 0.1
        spec.readinessProbe = probe
        let server = try await ServerFixture.start([spec])
        // The first run's readiness must be over before the stream starts, or its `healthy` would end the loop.
        let firstRunReady = ContinuousClock.now + .seconds(20)
        while try await server.supervisor.statuses(["db"]).first?.health?.phase != .healthy {
            guard ContinuousClock.now < firstRunReady else { Issue.record("db never became healthy"); return }
            try await Task.sleep(for: .milliseconds(20))
        }
        var seen: [DaemonEvent] = []
        var buffer: [UInt8] = []
        var restarted = false
        streaming: for try await bytes in server.client.stream("/api/v1/events") {
            if !restarted {
                restarted = true
                Task { _ = await server.supervisor.restart(["db"]) }
            }
            buffer += bytes
            while let end = buffer.firstIndex(of: 10) {
                seen.append(try JSONDecoder().decode(DaemonEvent.self, from: Data(buffer[..<end])))
                buffer.removeSubrange(...end)
                if seen.last?.type == .health && seen.last?.process?.health?.phase == .healthy { break streaming }
            }
        }
        #expect(seen.first == DaemonEvent(type: .daemonState, state: "RUNNING"))
        let states = seen.filter { $0.type == .processState }.compactMap { $0.process?.state }
        #expect(states == [.stopping, .stopped, .starting, .running], "\(seen)")
        let health = seen.filter { $0.type == .health }.compactMap { $0.process?.health }
        #expect(health.first?.phase == .starting && health.last == HealthStatus(phase: .healthy), "\(health)")
        #expect(seen.dropFirst().allSatisfy { $0.process?.name == "db" })
        try await server.stop()
    }
}
