import TendClient
import Testing

/// supervisorctl 4.3's output formats, character for character.
struct SupervisorctlFormatTests {
    typealias Row = SupervisorctlFormat.StatusRow

    @Test func statusPadsNamesToThirtyThreeAndStatesToTen() {
        let lines = SupervisorctlFormat.statusLines([
            Row(group: "web", name: "web", state: "RUNNING", description: "pid 42, uptime 0:01:02"),
            Row(group: "worker", name: "worker_00", state: "STOPPED", description: "Not started"),
        ])
        #expect(
            lines == [
                "web" + String(repeating: " ", count: 30) + "RUNNING   pid 42, uptime 0:01:02",
                "worker:worker_00" + String(repeating: " ", count: 17) + "STOPPED   Not started",
            ])
    }

    @Test func statusWidensForALongNameAndNeverCuts() {
        let long = String(repeating: "x", count: 40)
        let lines = SupervisorctlFormat.statusLines([
            Row(group: long, name: long, state: "BACKOFF", description: "Exited too quickly"),
            Row(group: "a", name: "a", state: "STOPPING", description: ""),
        ])
        #expect(lines[0] == long + "   BACKOFF   Exited too quickly")
        #expect(lines[1] == "a" + String(repeating: " ", count: 42) + "STOPPING  ")
    }

    @Test func availLineMatchesSupervisorctlTemplate() {
        let line = SupervisorctlFormat.availLine(
            group: "idle", name: "idle", inUse: true, autostart: false, groupPriority: 999, priority: 999)
        #expect(line == "idle" + String(repeating: " ", count: 28) + " in use    manual    999:999")
        let grouped = SupervisorctlFormat.availLine(
            group: "g", name: "p", inUse: false, autostart: true, groupPriority: 5, priority: 10)
        #expect(grouped == "g:p" + String(repeating: " ", count: 29) + " avail     auto      5:10")
    }

    @Test func changesAreSortedByNameOrSayNothingChanged() {
        #expect(
            SupervisorctlFormat.changeLines(added: [], changed: [], removed: []) == ["No config updates to processes"])
        #expect(
            SupervisorctlFormat.changeLines(added: ["b"], changed: ["c"], removed: ["a"])
                == ["a: disappeared", "b: available", "c: changed"])
    }
}
