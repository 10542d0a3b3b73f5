import TendConfig
import Testing

@testable import TendSupervisor

/// The state machine's side of `depends_on`: a start that waits stays STARTING without a child.
struct DependencyWaitTests {
    func machine() -> ProcessStateMachine {
        ProcessStateMachine(spec: ProgramSpec(name: "web", groupName: "web", command: "web", arguments: ["web"]))
    }

    @Test func aWaitingStartSpawnsOnceItsDependenciesAreMet() {
        var m = machine()
        #expect(m.start() == [.disarm, .spawn])
        #expect(m.awaitDependencies(timeout: nil) == [])
        #expect(m.state == .starting && m.awaitingDependencies)
        #expect(m.dependenciesMet() == [.disarm, .spawn])
        #expect(!m.awaitingDependencies && m.state == .starting)
        #expect(m.dependenciesMet() == [])
    }

    @Test func aDependsTimeoutIsArmedAndAFailedDependencyMakesTheStartFatal() {
        var m = machine()
        _ = m.start()
        #expect(m.awaitDependencies(timeout: 2.5) == [.arm(.dependsTimeout, after: .milliseconds(2500))])
        #expect(m.dependencyFailed("dependency 'db' is FATAL") == [.disarm])
        #expect(m.state == .fatal && m.spawnError == "dependency 'db' is FATAL")
        #expect(m.drainTransitions().map(\.to) == [.starting, .fatal])
    }

    @Test func stoppingAWaitingStartStopsItWithoutASignal() {
        var m = machine()
        _ = m.start()
        _ = m.awaitDependencies(timeout: nil)
        #expect(m.stop() == [.disarm])
        #expect(m.state == .stopped && !m.awaitingDependencies)
        #expect(m.dependenciesMet() == [])
    }
}
