import TendJobs
import TendJobsPostgres
import Testing

@Suite(.serialized, .timeLimit(.minutes(1)))
struct StoreListenerTests {
    @Test func aDroppedListenConnectionIsReopenedAndMissedChangesAreAnnounced() async throws {
        let database = try await TestDatabase()
        let idle = try await database.openStore(node: "idle", heartbeat: .seconds(60), lapse: .seconds(120))
        let backends = try await database.listeningBackends()
        try #require(backends.count == 1)
        let front = try await database.openStore(node: "front", heartbeat: .seconds(60), lapse: .seconds(120))
        let events = idle.subscribe()
        // The server drops the idle store's listening connection (as a restart or a network cut would).
        try await TestDatabase.administer(database.url, "SELECT pg_terminate_backend(\(backends[0]))")
        // Queued while nobody listens: only the catch-up after reconnecting can announce it.
        _ = try await front.submit(JobSubmission(task: "missed", input: Array("{}".utf8)))
        var heard = false
        for await event in events where event == .submitted(task: "missed") {
            heard = true
            break
        }
        #expect(heard)
        await front.close()
        await idle.close()
        await database.drop()
    }
}

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized, .timeLimit(.minutes(1)))
struct SilentConnectionLossTests {
    @Test func aListeningConnectionThatStopsAnsweringIsReplacedOnTheNextHeartbeat() async throws {
        let database = try await TestDatabase()
        let idle = try await database.openStore(node: "idle", heartbeat: .milliseconds(300), lapse: .seconds(5))
        let backends = try await database.listeningBackends()
        try #require(backends.count == 1)
        let front = try await database.openStore(node: "front", heartbeat: .seconds(60), lapse: .seconds(120))
        let events = idle.subscribe()
        // A frozen server process answers nothing and sends no reset: as a dead network path looks. A separate
        // watchdog thaws it after 20 s even if this test process dies (a frozen backend blocks DROP DATABASE).
        try Watchdog.resume(backends[0], after: 20)
        try #require(kill(backends[0], SIGSTOP) == 0, "the test server must run on this machine")
        _ = try await front.submit(JobSubmission(task: "unheard", input: Array("{}".utf8)))
        let heard = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await event in events where event == .submitted(task: "unheard") { return true }
                return false
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        kill(backends[0], SIGCONT)
        #expect(heard, "the submission was not heard within 10 s while the old connection was frozen")
        await front.close()
        await idle.close()
        await database.drop()
    }
}

/// Sends SIGCONT to a process later from a detached shell, which outlives the test process.
enum Watchdog {
    static func resume(_ pid: Int32, after seconds: Int) throws {
        let argv = ["/bin/sh", "-c", "sleep \(seconds); kill -CONT \(pid) 2>/dev/null"]
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var child: pid_t = 0
        guard posix_spawn(&child, "/bin/sh", nil, nil, &cArguments, environ) == 0 else {
            throw ServerScriptFailed(description: "couldn't start the watchdog")
        }
    }
}
