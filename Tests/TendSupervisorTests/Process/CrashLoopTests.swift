import TendConfig
import TendPlatform
import Testing

@testable import TendSupervisor

/// `crashloop_backoff`: a program that keeps exiting right after its spawn is restarted after a growing delay.
struct CrashLoopTests {
    func machine(crashLoopBackoff: Bool = true, backoffMax: Double? = nil) -> ProcessStateMachine {
        var spec = ProgramSpec(name: "bad", groupName: "bad", command: "false", arguments: ["false"])
        spec.startSecs = 0
        spec.autorestart = .always
        spec.crashLoopBackoff = crashLoopBackoff
        spec.backoffMax = backoffMax
        return ProcessStateMachine(spec: spec)
    }

    /// Spawns and lets the child exit `after` its spawn; returns the actions of the exit.
    func quickExit(
        _ m: inout ProcessStateMachine, at start: ContinuousClock.Instant, after: Duration = .milliseconds(5)
    ) -> [ProcessStateMachine.Action] {
        _ = m.spawned(at: start)
        return m.exited(.exited(1), at: start + after, groupAlive: false)
    }

    @Test func theThirdQuickExitInARowDelaysTheRestartAndTheDelayDoublesUpToBackoffMax() {
        var m = machine(backoffMax: 1)
        let t0 = ContinuousClock.now
        _ = m.start()
        #expect(quickExit(&m, at: t0) == [.disarm, .spawn])
        #expect(quickExit(&m, at: t0) == [.disarm, .spawn])
        #expect(quickExit(&m, at: t0) == [.arm(.backoff, after: .milliseconds(100))])
        #expect(m.state == .backoff && m.isCrashLooping)
        #expect(m.spawnError == "crash loop: exited 3 times in a row within 1 s of its start; next start in 100 ms")
        var delays: [Duration] = []
        for _ in 0..<5 {
            #expect(m.backoffElapsed() == [.disarm, .spawn])
            if case .arm(_, let delay) = quickExit(&m, at: t0).first { delays.append(delay) }
        }
        #expect(delays == [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
        #expect(m.state == .backoff, "a crash loop never gives up: autorestart says to keep trying")
    }

    @Test func aNormalRunResetsTheCountAndAStopEndsTheLoop() {
        var m = machine()
        let t0 = ContinuousClock.now
        _ = m.start()
        _ = quickExit(&m, at: t0)
        _ = quickExit(&m, at: t0)
        #expect(quickExit(&m, at: t0, after: .seconds(2)) == [.disarm, .spawn])
        #expect(!m.isCrashLooping)
        _ = quickExit(&m, at: t0)
        _ = quickExit(&m, at: t0)
        _ = quickExit(&m, at: t0)
        #expect(m.state == .backoff)
        #expect(m.stop() == [.disarm])
        #expect(m.state == .stopped && !m.isCrashLooping)
    }

    @Test func withCrashLoopBackoffOffRestartsAreImmediateAsInSupervisord() {
        var m = machine(crashLoopBackoff: false)
        let t0 = ContinuousClock.now
        _ = m.start()
        for _ in 0..<10 { #expect(quickExit(&m, at: t0) == [.disarm, .spawn]) }
    }
}
