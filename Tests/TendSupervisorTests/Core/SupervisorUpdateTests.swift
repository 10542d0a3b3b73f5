import Foundation
import TendAPI
import TendConfig
import Testing

@testable import TendSupervisor

@Suite(.serialized, .timeLimit(.minutes(1)))
struct SupervisorUpdateTests {
    @Test func updateAddsChangesAndRemovesOnlyWhatDiffers() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let keep = shellProgram("keep", "exec sleep 30", in: dir)
        let change = shellProgram("change", "exec sleep 30", in: dir)
        let drop = shellProgram("drop", "exec sleep 30", in: dir)
        let supervisor = try makeSupervisor([keep, change, drop], in: dir)
        await supervisor.activate()
        await supervisor.startAutostartPrograms()
        for name in ["keep", "change", "drop"] { try await waitFor(supervisor, name) { $0.state == .running } }
        let keepPid = try await supervisor.statuses(["keep"])[0].pid
        let changePid = try await supervisor.statuses(["change"])[0].pid
        let dropPid = try await supervisor.statuses(["drop"])[0].pid

        var changed = change
        changed.arguments = ["/bin/sh", "-c", "exec sleep 31"]
        let add = shellProgram("add", "exec sleep 30", in: dir)
        let next = configuration([keep, changed, add], in: dir)
        let changes = await supervisor.changes(to: next)
        #expect(changes == ConfigChanges(added: ["add"], changed: ["change"], removed: ["drop"]))
        // reread changes nothing.
        #expect(try await supervisor.statuses(["drop"])[0].pid == dropPid)

        let results = await supervisor.update(to: next)
        #expect(Set(results.map { "\($0.group):\($0.action)" }) == ["drop:removed", "change:changed", "add:added"])
        #expect(try await supervisor.statuses(["keep"])[0].pid == keepPid)
        #expect(!isAlive(dropPid) && !isAlive(changePid))
        await #expect(throws: SupervisorError.self) { try await supervisor.statuses(["drop"]) }
        let newChange = try await waitFor(supervisor, "change") { $0.state == .running }
        #expect(newChange.pid != changePid)
        try await waitFor(supervisor, "add") { $0.state == .running }
        #expect(await supervisor.changes(to: next).isEmpty)
        await supervisor.shutdown()
    }

    @Test func selectorsResolveAsSupervisord() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var a = shellProgram("a", "exec sleep 30", in: dir, group: "g")
        var b = shellProgram("b", "exec sleep 30", in: dir, group: "g")
        a.autostart = false
        b.autostart = false
        let solo = shellProgram("solo", "exec sleep 30", in: dir)
        let supervisor = try makeSupervisor([a, b, solo], in: dir)
        #expect(try await supervisor.statuses(["g:*"]).map(\.name) == ["a", "b"])
        #expect(try await supervisor.statuses(["g:b"]).map(\.name) == ["b"])
        #expect(try await supervisor.statuses(["solo"]).map(\.displayName) == ["solo"])
        #expect(try await supervisor.statuses(["g:a"]).map(\.displayName) == ["g:a"])
        await #expect(throws: SupervisorError(.badName, "a")) { try await supervisor.statuses(["a"]) }
        #expect(try await supervisor.statuses(["all"]).count == 3)
    }
}
