import TendAPI
import TendConfig
import Testing

@testable import TendSupervisor

/// Readiness and liveness thresholds, `READY=1` and the ready line, without running anything.
struct HealthTrackerTests {
    func spec(readiness: Probe? = nil, liveness: Probe? = nil, ready: ReadySignal? = nil) -> ProgramSpec {
        var spec = ProgramSpec(name: "db", groupName: "db", command: "db", arguments: ["db"])
        spec.readinessProbe = readiness
        spec.livenessProbe = liveness
        spec.ready = ready
        if ready == .log { spec.readyLogLine = "ready" }
        return spec
    }

    let pass = ProbeResult(passed: true, output: "connected")
    let fail = ProbeResult(passed: false, output: "connection refused")

    @Test func readinessNeedsItsSuccessesInARowAndFailsAfterItsThreshold() {
        var probe = Probe(check: .tcp(host: "127.0.0.1", port: 5432))
        probe.successThreshold = 2
        probe.failureThreshold = 2
        var health = HealthTracker(spec: spec(readiness: probe))
        #expect(health.status == HealthStatus(phase: .starting, detail: "readiness probe not passed yet"))
        _ = health.record(pass, of: .readiness)
        #expect(!health.isReady)
        _ = health.record(fail, of: .readiness)
        _ = health.record(pass, of: .readiness)
        #expect(!health.isReady)
        _ = health.record(pass, of: .readiness)
        #expect(health.isReady && health.status == HealthStatus(phase: .healthy))
        _ = health.record(fail, of: .readiness)
        #expect(health.isReady)
        _ = health.record(fail, of: .readiness)
        #expect(!health.isReady)
        #expect(
            health.status
                == HealthStatus(phase: .unhealthy, detail: "readiness probe failed 2 times: connection refused"))
        _ = health.record(pass, of: .readiness)
        _ = health.record(pass, of: .readiness)
        #expect(health.status?.phase == .healthy)
    }

    @Test func livenessFailingItsThresholdAsksForARestart() {
        var probe = Probe(check: .exec(arguments: ["check"]))
        probe.failureThreshold = 3
        var health = HealthTracker(spec: spec(liveness: probe))
        #expect(health.status?.phase == .healthy)
        let outcomes = [fail, fail, pass, fail, fail, fail].map { health.record($0, of: .liveness) }
        #expect(
            outcomes == [
                .none, .none, .none, .none, .none,
                .restart(reason: "liveness probe failed 3 times: connection refused"),
            ])
        #expect(health.status?.phase == .unhealthy)
        health.reset()
        #expect(health.status?.phase == .healthy)
    }

    @Test func notifyAndLogReadinessWaitForTheirSignal() {
        var notify = HealthTracker(spec: spec(ready: .notify))
        #expect(notify.status == HealthStatus(phase: .starting, detail: "waiting for READY=1"))
        let changed = ["STATUS=loading\n", "READY=1\nSTATUS=serving", "READY=1\nSTATUS=serving"].map {
            notify.notify($0)
        }
        #expect(changed == [true, true, false])
        #expect(notify.isReady && notify.status == HealthStatus(phase: .healthy, detail: "serving"))
        var log = HealthTracker(spec: spec(ready: .log))
        #expect(!log.isReady)
        let firsts = [log.matchedReadyLine(), log.matchedReadyLine()]
        #expect(firsts == [true, false] && log.isReady)
        #expect(!HealthTracker(spec: spec()).isTracked && HealthTracker(spec: spec()).status == nil)
    }
}
