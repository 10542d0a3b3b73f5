import TendConfig
import Testing

@testable import TendSupervisor

struct ProcessStateMachineTests {
    func machine(startSecs: Int = 1, startRetries: Int = 3, autorestart: AutoRestartPolicy = .unexpected)
        -> ProcessStateMachine
    {
        var spec = ProgramSpec(name: "web", groupName: "web", command: "web", arguments: ["web"])
        spec.startSecs = startSecs
        spec.startRetries = startRetries
        spec.autorestart = autorestart
        return ProcessStateMachine(spec: spec)
    }

    let t0 = ContinuousClock.now

    @Test func startGoesStartingThenRunningWhenStartSecsPasses() {
        var m = machine()
        #expect(m.start() == [.disarm, .spawn])
        #expect(m.state == .starting)
        #expect(m.spawned(at: t0) == [.arm(.startSecs, after: .seconds(1))])
        #expect(m.startSecsElapsed() == [])
        #expect(m.state == .running)
        #expect(m.drainTransitions().map(\.to) == [.starting, .running])
    }

    @Test func startSecsZeroIsRunningAtOnce() {
        var m = machine(startSecs: 0)
        _ = m.start()
        #expect(m.spawned(at: t0) == [])
        #expect(m.state == .running)
    }

    @Test func anExitWhileTheDaemonShutsDownRestartsNothingAndLeavesNothingToStop() {
        var m = machine(startSecs: 0, autorestart: .always)
        _ = m.start()
        _ = m.spawned(at: t0)
        _ = m.drainTransitions()
        #expect(m.exited(.exited(0), at: t0 + .seconds(1), groupAlive: false, restartAllowed: false) == [.disarm])
        #expect(m.state == .exited)
        #expect(m.drainTransitions().map(\.to) == [.exited])
        // The shutdown's stop then finds nothing to signal or wait for.
        #expect(m.stop() == [])
        #expect(m.state == .exited)
    }

    @Test func exitWithinStartSecsIsBackoffNeverRunning() {
        var m = machine(startSecs: 5)
        _ = m.start()
        _ = m.spawned(at: t0)
        let actions = m.exited(.exited(0), at: t0 + .seconds(4), groupAlive: false)
        #expect(m.state == .backoff)
        #expect(actions == [.arm(.backoff, after: .seconds(1))])
        #expect(m.spawnError == "Exited too quickly (process log may have details)")
        #expect(!m.drainTransitions().contains { $0.to == .running })
    }

    @Test func backoffDelaysGrowLinearlyThenFatalAfterStartRetries() {
        var m = machine(startSecs: 5, startRetries: 2)
        var delays: [ProcessStateMachine.Action] = []
        for _ in 0..<3 {
            _ = m.start()
            _ = m.spawned(at: t0)
            delays += m.exited(.exited(1), at: t0, groupAlive: false)
        }
        #expect(delays == [.arm(.backoff, after: .seconds(1)), .arm(.backoff, after: .seconds(2)), .disarm])
        #expect(m.state == .fatal)
        #expect(m.drainTransitions().suffix(2).map(\.to) == [.backoff, .fatal])
    }

    @Test func backoffMaxDoublesAndCaps() {
        var spec = ProgramSpec(name: "w", groupName: "w", command: "w", arguments: ["w"])
        spec.startRetries = -1
        spec.backoffMax = 5
        var m = ProcessStateMachine(spec: spec)
        var delays: [ProcessStateMachine.Action] = []
        for _ in 0..<5 {
            _ = m.start()
            delays += m.spawnFailed("can't find command 'w'")
        }
        #expect(delays == [1, 2, 4, 5, 5].map { .arm(.backoff, after: .seconds($0)) })
        #expect(m.state == .backoff)
    }

    @Test func ncolonysRestartDelayDoublesFromMinRestartDelayAndResetsAfterALongLife() {
        var spec = ProgramSpec(name: "w", groupName: "w", command: "w", arguments: ["w"])
        spec.startRetries = -1
        spec.startSecs = 1
        spec.autorestart = .always
        spec.backoffMin = 0.25
        spec.backoffMax = 1
        var m = ProcessStateMachine(spec: spec)
        var delays: [ProcessStateMachine.Action] = []
        for _ in 0..<4 {
            _ = m.start()
            _ = m.spawned(at: t0)
            delays += m.exited(.exited(1), at: t0 + .milliseconds(100), groupAlive: false)
        }
        #expect(delays == [250, 500, 1000, 1000].map { .arm(.backoff, after: .milliseconds($0)) })
        _ = m.start()
        _ = m.spawned(at: t0)
        _ = m.startSecsElapsed()
        #expect(m.state == .running)
        // A life longer than the threshold: restarted at once, and the next quick death waits the least again.
        #expect(m.exited(.exited(1), at: t0 + .seconds(5), groupAlive: false).contains(.spawn))
        _ = m.spawned(at: t0 + .seconds(5))
        #expect(
            m.exited(.exited(1), at: t0 + .seconds(5) + .milliseconds(100), groupAlive: false)
                == [.arm(.backoff, after: .milliseconds(250))])
    }

    @Test func startRetriesMinusOneRetriesForever() {
        var m = machine(startRetries: -1)
        for _ in 0..<50 {
            _ = m.start()
            _ = m.spawnFailed("nope")
        }
        #expect(m.state == .backoff)
    }

    @Test func expectedExitFromRunningIsExitedWithoutRestartUnderUnexpected() {
        var m = machine(startSecs: 0)
        _ = m.start()
        _ = m.spawned(at: t0)
        #expect(m.exited(.exited(0), at: t0 + .seconds(3), groupAlive: false) == [.disarm])
        #expect(m.state == .exited)
        #expect(m.exitWasExpected)
    }

    @Test func unexpectedExitFromRunningRestartsAtOnce() {
        var m = machine(startSecs: 0)
        _ = m.start()
        _ = m.spawned(at: t0)
        #expect(m.exited(.exited(2), at: t0 + .seconds(3), groupAlive: false) == [.disarm, .spawn])
        #expect(m.state == .starting)
        #expect(m.drainTransitions().map(\.to) == [.starting, .running, .exited, .starting])
    }

    @Test func autorestartFalseNeverRestartsAndTrueAlwaysDoes() {
        var never = machine(startSecs: 0, autorestart: .never)
        _ = never.start()
        _ = never.spawned(at: t0)
        #expect(never.exited(.signaled(9), at: t0 + .seconds(2), groupAlive: false) == [.disarm])
        var always = machine(startSecs: 0, autorestart: .always)
        _ = always.start()
        _ = always.spawned(at: t0)
        #expect(always.exited(.exited(0), at: t0 + .seconds(2), groupAlive: false).contains(.spawn))
    }

    @Test func stopSendsStopSignalThenKillAfterStopWaitSecs() {
        var m = machine(startSecs: 0)
        _ = m.start()
        _ = m.spawned(at: t0)
        #expect(m.stop() == [.signal(15, toGroup: false), .arm(.stopWait, after: .seconds(10))])
        #expect(m.state == .stopping)
        #expect(m.stopWaitElapsed() == [.signal(9, toGroup: false)])
        #expect(m.exited(.signaled(9), at: t0, groupAlive: false) == [.disarm])
        #expect(m.state == .stopped)
    }

    @Test func stopOfBackoffIsStoppedAtOnce() {
        var m = machine()
        _ = m.start()
        _ = m.spawnFailed("x")
        #expect(m.stop() == [.disarm])
        #expect(m.state == .stopped)
    }

    @Test func groupStopWaitsForTheLastMember() {
        var m = machine(startSecs: 0)
        _ = m.start()
        _ = m.spawned(at: t0)
        _ = m.stop()
        #expect(m.exited(.signaled(15), at: t0, groupAlive: true) == [])
        #expect(m.state == .stopping)
        #expect(m.waitingForGroup)
        #expect(m.groupGone() == [.disarm])
        #expect(m.state == .stopped)
    }
}
