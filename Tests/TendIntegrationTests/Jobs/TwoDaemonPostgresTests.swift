import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two daemons sharing one PostgreSQL job store (`[tend] job_store`): each job is claimed by exactly one node, any
/// node answers for any job, terminate reaches the node that runs the job, and a node that stops heartbeating
/// has its running jobs handled as after a crash. Needs `TEND_TEST_POSTGRES_URL` (the test command starts a
/// server and sets it).
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(
        if: SharedDatabase.serverURL != nil, "set TEND_TEST_POSTGRES_URL to a PostgreSQL server (scripts/test does)"))
struct TwoDaemonPostgresTests {
    private func node(_ name: String, _ database: SharedDatabase) throws -> DaemonFixture {
        try DaemonFixture(
            programs: #"""
                [tend]
                job_store = \#(database.url)
                node_name = \#(name)
                heartbeat = 1

                [task:hold]
                command = /bin/sh -c 'echo "{\"node\": \"\#(name)\"}" >&3; exec sleep 60'
                concurrency = 1
                on_interrupt = fail
                """#)
    }

    @Test func claimStatusTerminateAndNodeLossAcrossTwoDaemons() async throws {
        let database = try SharedDatabase()
        let a = try node("a", database)
        let b = try node("b", database)
        var leftovers: [Int32] = []
        defer {
            for pid in leftovers { kill(pid, SIGKILL) }
            a.tearDown()
            b.tearDown()
            database.drop()
        }
        try a.start()
        try b.start()
        func submit(_ daemon: DaemonFixture) throws -> String {
            try #require(try daemon.http("POST", "/task", "{}").json["task_id"] as? String)
        }
        func running(_ id: String, on daemon: DaemonFixture) async throws -> [String: Any] {
            try await daemon.waitForAnswer("/api/v1/jobs/\(id)") {
                $0.json["state"] as? String == "running" && $0.json["pid"] != nil
            }.json
        }
        // Two jobs submitted to a: one slot per node, so each node claims exactly one.
        let first = try submit(a)
        let second = try submit(a)
        let jobs = [try await running(first, on: b), try await running(second, on: b)]
        #expect(Set(jobs.compactMap { $0["node"] as? String }) == ["a", "b"], "\(jobs)")
        leftovers = jobs.compactMap { $0["pid"] as? Int }.map(Int32.init)
        let third = try submit(b)
        #expect(try b.http("GET", "/status/\(third)").status == 202)
        #expect(try a.http("GET", "/api/v1/jobs/\(third)").json["state"] as? String == "queued", "both nodes are full")

        // Terminate, asked of a, reaches the job wherever it runs; b's freed slot takes the third job.
        let onB = try #require(jobs.first { $0["node"] as? String == "b" })
        let onBID = try #require(onB["id"] as? String)
        let onBPID = Int32(try #require(onB["pid"] as? Int))
        #expect(try a.http("DELETE", "/terminate/\(onBID)").status == 200)
        let stopped = try await a.waitForAnswer("/status/\(onBID)") { $0.status != 202 }
        #expect(
            stopped.status == 402 && (stopped.json["message"] as? String)?.contains("terminated on request") == true)
        #expect(!isAlive(onBPID))
        let thirdRunning = try await running(third, on: a)
        #expect(thirdRunning["node"] as? String == "b")
        leftovers.append(Int32(thirdRunning["pid"] as? Int ?? 0))

        // Node a dies without a word: once its heartbeat lapses, b marks a's running job crashed.
        let onA = try #require(jobs.first { $0["node"] as? String == "a" }?["id"] as? String)
        kill(try #require(a.daemonPID), SIGKILL)
        let lost = try await b.waitForAnswer("/status/\(onA)", timeout: .seconds(20)) { $0.status != 202 }
        #expect(lost.status == 402 && (lost.json["message"] as? String)?.hasPrefix("interrupted") == true, "\(lost)")

        // The job's process outlived its daemon (the machine did not die); a restarted a ends it.
        let leftover = Int32(try #require(jobs.first { $0["node"] as? String == "a" }?["pid"] as? Int))
        #expect(isAlive(leftover))
        try a.start()
        #expect(!isAlive(leftover), "the restarted daemon ended the job process it left behind")
    }
}

/// A database of its own on the test server, made and dropped with `psql`.
struct SharedDatabase {
    /// `TEND_TEST_POSTGRES_URL`.
    static let serverURL = ProcessInfo.processInfo.environment["TEND_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    let name = "tend_it_\(UInt32.random(in: 0...UInt32.max))"
    let url: String

    init() throws {
        let server = try #require(Self.serverURL)
        try Self.psql(server, "CREATE DATABASE \(name)")
        url = String(server[..<(server.lastIndex(of: "/") ?? server.endIndex)]) + "/" + name
    }

    func drop() {
        if let server = Self.serverURL { try? Self.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    private static func psql(_ url: String, _ sql: String) throws {
        let result = try DaemonFixture.run("/usr/bin/env", ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
        guard result.status == 0 else { throw DaemonFixtureError(description: "psql \(sql): \(result)") }
    }
}
