import Foundation
import Logging
import TendConfig
import Testing

@testable import TendSupervisor

@Suite(.serialized, .timeLimit(.minutes(1)))
struct SupervisorOrderTests {
    @Test func startsInPriorityOrderAndStopsInReverse() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var groups: [GroupSpec] = []
        for (name, priority) in [("db", 1), ("web", 3), ("cache", 2)] {
            var spec = shellProgram(name, "exec sleep 30", in: dir)
            spec.priority = priority
            groups.append(GroupSpec(name: name, priority: priority, kind: .program, programs: [spec]))
        }
        var config = configuration([], in: dir)
        config.groups = groups.sorted { $0.priority < $1.priority }
        let supervisor = try Supervisor(
            configuration: config,
            options: SupervisorOptions(environment: ["PATH": "/usr/bin:/bin"], becomeSubreaper: false),
            logger: .init(label: "t") { _ in SwiftLogNoOpLogHandler() })
        await supervisor.activate()
        let events = await supervisor.events()
        await supervisor.startAutostartPrograms()
        for name in ["db", "cache", "web"] { try await waitFor(supervisor, name) { $0.state == .running } }
        await supervisor.shutdown()
        var starting: [String] = []
        var stopping: [String] = []
        for await event in events {
            guard case .processStateChanged(let status, _, _) = event else { continue }
            if status.state == .starting { starting.append(status.name) }
            if status.state == .stopping { stopping.append(status.name) }
        }
        #expect(starting == ["db", "cache", "web"])
        #expect(stopping == ["web", "cache", "db"])
    }
}
