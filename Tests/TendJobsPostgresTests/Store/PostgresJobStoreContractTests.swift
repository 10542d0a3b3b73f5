import JobTestSupport
import TendJobs
import TendJobsPostgres
import TendPlatform
import Testing

/// The `JobStore` contract on PostgreSQL: every check of `JobStoreContract`, then what only a shared store does
/// (several nodes on one database, heartbeats, schema upgrades). One store (or two sharing a database) per test,
/// each in its own database.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PostgresJobStoreContractTests {
    private func withStore(
        node: String = "n1", _ body: (PostgresJobStore, TestDatabase) async throws -> Void
    ) async throws {
        let database = try await TestDatabase()
        let store = try await database.openStore(node: node)
        do {
            try await body(store, database)
        } catch {
            await store.close()
            await database.drop()
            throw error
        }
        await store.close()
        await database.drop()
    }

    private func submit(_ store: PostgresJobStore, _ task: String, at milliseconds: Int64) async throws -> Job {
        try await store.submit(
            JobSubmission(
                task: task, input: Array("{\"n\":\(milliseconds)}".utf8),
                submittedAt: JobTimestamp(milliseconds: milliseconds)))
    }

    @Test(arguments: JobStoreContract.checks)
    func postgresStoreKeepsTheContract(_ check: JobStoreContractCheck) async throws {
        try await withStore { store, _ in try await check.run(on: store) }
    }

    @Test func terminatingARunningJobTellsItsNodeThroughAnotherStore() async throws {
        try await withStore(node: "runner") { store, database in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "runner", now: .now)
            let events = store.subscribe()
            let front = try await database.openStore(node: "front")
            let now = JobTimestamp.now
            let result = try await front.requestTermination(of: job.id, message: "x", now: now, expiresAt: now)
            await front.close()
            guard case .stopRequested(let flagged) = result else {
                Issue.record("expected a stop request, got \(result)")
                return
            }
            #expect(flagged.terminationRequested)
            #expect(flagged.node == "runner")
            var heard: JobStoreEvent?
            for await event in events {
                if case .terminationRequested = event {
                    heard = event
                    break
                }
            }
            #expect(heard == .terminationRequested(job.id, node: "runner"))
        }
    }

    @Test func aSubmissionOnOneNodeReachesTheSubscribersOfAnother() async throws {
        try await withStore(node: "idle") { store, database in
            let events = store.subscribe()
            let front = try await database.openStore(node: "front")
            _ = try await front.submit(JobSubmission(task: "wake", input: Array("{}".utf8)))
            await front.close()
            for await event in events {
                if event == .submitted(task: "wake") { return }
            }
            Issue.record("the subscription ended without the submission")
        }
    }

    @Test func concurrentClaimsFromTwoNodesTakeEachJobExactlyOnce() async throws {
        try await withStore(node: "n1") { first, database in
            let second = try await database.openStore(node: "n2")
            let count = 400
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        _ = try await first.submit(JobSubmission(task: index % 2 == 0 ? "a" : "b", input: []))
                    }
                }
                try await group.waitForAll()
            }
            func drain(_ store: PostgresJobStore, _ node: String) async throws -> [JobID] {
                var taken: [JobID] = []
                while true {
                    let jobs = try await store.claim(slots: ["a": 7, "b": 5], node: node, now: .now)
                    if jobs.isEmpty { return taken }
                    taken += jobs.map(\.id)
                }
            }
            async let one = drain(first, "n1")
            async let two = drain(second, "n2")
            let (byFirst, bySecond) = try await (one, two)
            await second.close()
            #expect(byFirst.count + bySecond.count == count)
            #expect(Set(byFirst).isDisjoint(with: Set(bySecond)))
            #expect(Set(byFirst + bySecond).count == count)
        }
    }

    @Test func aNodeWhoseHeartbeatLapsesIsAnnouncedAsLostWhileItHasRunningJobs() async throws {
        try await withStore(node: "survivor") { survivor, database in
            let victim = try await database.openStore(node: "victim")
            let job = try await victim.submit(JobSubmission(task: "a", input: []))
            _ = try await victim.claim(slots: ["a": 1], node: "victim", now: .now)
            let events = survivor.subscribe()
            let crashedAt = ContinuousClock.now
            await victim.abandon()
            for await event in events where event == .nodeLost("victim") {
                // The lapse is 1 s: not before it, and soon after.
                #expect(ContinuousClock.now - crashedAt >= .milliseconds(700))
                #expect(try await survivor.requeue(job.id, claim: JobClaim(node: "victim", attempt: 1)))
                return
            }
            Issue.record("the subscription ended without announcing the lost node")
        }
    }

    @Test func schemaPreparationIsIdempotentAndKeepsTheJobs() async throws {
        try await withStore { store, database in
            let job = try await store.submit(JobSubmission(task: "a", input: Array("{}".utf8)))
            async let one = database.openStore(node: "x")
            async let two = database.openStore(node: "y")
            let (x, y) = try await (one, two)
            #expect(try await x.job(job.id, now: .now)?.id == job.id)
            await x.close()
            await y.close()
        }
    }

    @Test func aNewerSchemaIsRefusedWithAClearError() async throws {
        let database = try await TestDatabase()
        defer { Task { await database.drop() } }
        let store = try await database.openStore(node: "n1")
        await store.close()
        try await TestDatabase.administer(database.url, "UPDATE tend_schema SET version = 99")
        do {
            _ = try await database.openStore(node: "n1")
            Issue.record("a database with a newer schema was opened")
        } catch {
            #expect(String(describing: error).contains("schema version 99, newer than this Tend's 1"))
        }
    }

    @Test func anUnreachableServerFailsToOpenWithTheURL() async throws {
        do {
            _ = try await PostgresJobStore.open(
                url: "postgres://tend@127.0.0.1:1/none?sslmode=disable", logger: quietLogger)
            Issue.record("opened a store on a closed port")
        } catch {
            #expect(error.message.contains("postgres://tend@127.0.0.1:1/none"))
        }
    }
}
