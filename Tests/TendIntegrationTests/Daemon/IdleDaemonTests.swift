import Foundation
import Testing

/// An idle daemon does not wake up: no thread of it is scheduled while nothing happens (issue 15's idle row),
/// after it has run programs, served requests, caught signals and run a job on SQLite.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct IdleDaemonTests {
    @Test func anIdleDaemonWithProgramsAndAJobQueueNeverWakes() async throws {
        let programs = (1...20).map { "[program:sleeper\($0)]\ncommand = /bin/sleep 600\nstartsecs = 0\n" }
        let daemon = try DaemonFixture(
            programs: programs.joined(separator: "\n") + "\n[task:echo]\ncommand = /bin/cat\n",
            extraDaemonSettings: "")
        defer { daemon.tearDown() }
        try daemon.start()
        let pid = try #require(daemon.daemonPID)
        kill(pid, SIGHUP)  // a reload: a signal went through the daemon's signal path, every program restarted
        try await daemon.waitForLog("reloading configuration", timeout: .seconds(10))
        try await daemon.waitForLog("spawned: 'sleeper20'", count: 2, timeout: .seconds(10))
        for number in 1...20 { try await daemon.waitForState("sleeper\(number)", "RUNNING") }
        let job = try daemon.tend(["job", "submit", "echo", "--data", #"{"x":1}"#, "--wait"])
        #expect(job.status == 0, "\(job)")
        try await Task.sleep(for: .seconds(2))

        let before = Self.threads(of: pid)
        try await Task.sleep(for: .seconds(5))
        let after = Self.threads(of: pid)
        let woken = after.filter { $0.value.switches != before[$0.key]?.switches }
        #expect(woken.isEmpty, "threads that woke in 5 idle seconds: \(woken.values.map(\.name))")
        // libdispatch's workers are named after their root queue (`com.apple.root.default-qos`): none is started.
        #expect(!after.values.contains { $0.name.contains("qos") }, "\(after.values.map(\.name))")
        #expect(after.count == before.count)
    }

    /// Each thread of `pid`: its name and its voluntary context switches (one per wake-up from a wait).
    static func threads(of pid: Int32) -> [String: (name: String, switches: Int)] {
        let root = "/proc/\(pid)/task"
        var result: [String: (name: String, switches: Int)] = [:]
        for tid in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            let name = (try? String(contentsOfFile: "\(root)/\(tid)/comm", encoding: .utf8)) ?? "?"
            let status = (try? String(contentsOfFile: "\(root)/\(tid)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
            let switches = line.flatMap { Int($0.split(separator: "\t").last ?? "") } ?? -1
            result[tid] = (name.trimmingCharacters(in: .whitespacesAndNewlines), switches)
        }
        return result
    }
}
