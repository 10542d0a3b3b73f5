import JobTestSupport
import TendJobs
import TendJobsPostgres
import Testing
import TendPlatform

/// The `JobStore` contract on PostgreSQL, one store (or two sharing a database) per test, each in its own database.
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
            JobSubmission(task: task, input: Array("{\"n\":\(milliseconds)}".utf8),
                submittedAt: JobTimestamp(milliseconds: milliseconds)))
    }

    @Test func claimTakesTheOldestQueuedJobsOfEachTaskUpToItsSlots() async throws {
        try await withStore { store, _ in
            let a1 = try await submit(store, "a", at: 1)
            let b1 = try await submit(store, "b", at: 2)
            let a2 = try await submit(store, "a", at: 3)
            _ = try await submit(store, "a", at: 4)
            let now = JobTimestamp(milliseconds: 100)
            let claimed = try await store.claim(slots: ["a": 2, "b": 5, "c": 1], node: "n1", now: now)
            #expect(claimed.map(\.id) == [a1.id, b1.id, a2.id])
            #expect(claimed.allSatisfy { $0.state == .running && $0.node == "n1" && $0.attempts == 1 })
            #expect(claimed.allSatisfy { $0.startedAt == now })
            #expect(claimed.first?.input == Array("{\"n\":1}".utf8))
            #expect(try await store.claim(slots: ["b": 1], node: "n1", now: now).isEmpty)
            #expect(try await store.claim(slots: ["a": 0], node: "n1", now: now).isEmpty)
        }
    }

    @Test func countsAreUnexpiredJobsPerTaskAndState() async throws {
        try await withStore { store, _ in
            let a1 = try await submit(store, "a", at: 1)
            _ = try await submit(store, "a", at: 2)
            _ = try await submit(store, "b", at: 3)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: JobTimestamp(milliseconds: 10))
            _ = try await store.finish(
                a1.id, node: "n1", outcome: .failed(message: "no"), exitStatus: "exit status 1",
                now: JobTimestamp(milliseconds: 20), expiresAt: JobTimestamp(milliseconds: 1_000))
            #expect(try await store.counts(now: JobTimestamp(milliseconds: 500)) == [
                JobCount(task: "a", state: .failed, count: 1), JobCount(task: "a", state: .queued, count: 1),
                JobCount(task: "b", state: .queued, count: 1),
            ])
            #expect(try await store.counts(now: JobTimestamp(milliseconds: 1_000)) == [
                JobCount(task: "a", state: .queued, count: 1), JobCount(task: "b", state: .queued, count: 1),
            ])
        }
    }

    @Test func finishRecordsTheOutcomeOnlyForTheNodeThatRunsTheJob() async throws {
        try await withStore { store, _ in
            let job = try await submit(store, "a", at: 1)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: JobTimestamp(milliseconds: 10))
            try await store.recordProcess(JobProcessIdentity(pid: 4242, startTime: 99), of: job.id, node: "n1")
            try await store.recordProgress(Array("{\"step\":2}".utf8), of: job.id)
            let running = try await store.job(job.id, now: .now)
            #expect(running?.process == JobProcessIdentity(pid: 4242, startTime: 99))
            #expect(running?.progress == Array("{\"step\":2}".utf8))

            let other = try await store.finish(
                job.id, node: "n2", outcome: .completed(result: []), exitStatus: "exit status 0",
                now: JobTimestamp(milliseconds: 20), expiresAt: JobTimestamp(milliseconds: 1_000))
            #expect(other == nil)
            let finished = try await store.finish(
                job.id, node: "n1", outcome: .completed(result: Array("{\"ok\":true}".utf8)),
                exitStatus: "exit status 0", now: JobTimestamp(milliseconds: 20), expiresAt: JobTimestamp(milliseconds: 1_000))
            #expect(finished?.state == .completed)
            #expect(finished?.result == Array("{\"ok\":true}".utf8))
            #expect(finished?.exitStatus == "exit status 0")
            #expect(finished?.process == nil)
            #expect(try await store.job(job.id, now: JobTimestamp(milliseconds: 999))?.state == .completed)
            #expect(try await store.job(job.id, now: JobTimestamp(milliseconds: 1_000)) == nil)
        }
    }

    @Test func requeuePutsTheJobBackInItsOriginalPlace() async throws {
        try await withStore { store, _ in
            let first = try await submit(store, "a", at: 1)
            let second = try await submit(store, "a", at: 2)
            let now = JobTimestamp(milliseconds: 10)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: now)
            #expect(try await store.requeue(first.id, node: "n2") == false)
            #expect(try await store.requeue(first.id, node: "n1"))
            let again = try await store.claim(slots: ["a": 1], node: "n1", now: now)
            #expect(again.map(\.id) == [first.id])
            #expect(again.first?.attempts == 2)
            #expect(try await store.claim(slots: ["a": 1], node: "n1", now: now).map(\.id) == [second.id])
        }
    }

    @Test func terminatingAQueuedJobEndsItBeforeItStarts() async throws {
        try await withStore { store, _ in
            let job = try await submit(store, "a", at: 1)
            let now = JobTimestamp.now
            let result = try await store.requestTermination(
                of: job.id, message: "terminated on request before it started", now: now, expiresAt: now.adding(seconds: 60))
            guard case .cancelledWhileQueued(let cancelled) = result else {
                Issue.record("expected the queued job to be cancelled, got \(result)")
                return
            }
            #expect(cancelled.state == .terminated)
            #expect(cancelled.message == "terminated on request before it started")
            #expect(try await store.claim(slots: ["a": 1], node: "n1", now: now).isEmpty)
            let again = try await store.requestTermination(of: job.id, message: "x", now: now, expiresAt: now)
            #expect(again == .alreadyFinished(cancelled))
            let missing = try await store.requestTermination(of: JobID("nope"), message: "x", now: now, expiresAt: now)
            #expect(missing == .notFound)
        }
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

    @Test func listReturnsUnexpiredMatchingJobsNewestFirst() async throws {
        try await withStore { store, _ in
            let a1 = try await submit(store, "a", at: 1)
            let b1 = try await submit(store, "b", at: 2)
            let a2 = try await submit(store, "a", at: 3)
            _ = try await store.claim(slots: ["a": 1], node: "n1", now: .now)
            let now = JobTimestamp.now
            #expect(try await store.list(JobFilter(), now: now).map(\.id) == [a2.id, b1.id, a1.id])
            #expect(try await store.list(JobFilter(task: "a"), now: now).map(\.id) == [a2.id, a1.id])
            #expect(try await store.list(JobFilter(states: [.running]), now: now).map(\.id) == [a1.id])
            #expect(try await store.list(JobFilter(states: [.queued, .running], limit: 2), now: now).map(\.id) == [a2.id, b1.id])
            #expect(try await store.list(JobFilter(node: "n1"), now: now).map(\.id) == [a1.id])
            #expect(try await store.list(JobFilter(states: []), now: now).isEmpty)
            #expect(try await store.runningJobs(of: "n1").map(\.id) == [a1.id])
            #expect(try await store.runningJobs(of: "n2").isEmpty)
        }
    }

    @Test func purgeDeletesExpiredResultsAndReportsTheNextExpiry() async throws {
        try await withStore { store, _ in
            var ids: [JobID] = []
            for index in 1...3 { ids.append(try await submit(store, "a", at: Int64(index)).id) }
            _ = try await store.claim(slots: ["a": 3], node: "n1", now: .now)
            for (index, id) in ids.enumerated() {
                _ = try await store.finish(
                    id, node: "n1", outcome: .failed(message: "boom"), exitStatus: "exit status 3",
                    now: JobTimestamp(milliseconds: 50), expiresAt: JobTimestamp(milliseconds: Int64(100 * (index + 1))))
            }
            let next = try await store.purgeExpired(now: JobTimestamp(milliseconds: 200))
            #expect(next == JobTimestamp(milliseconds: 300))
            let left = try await store.list(JobFilter(), now: JobTimestamp(milliseconds: 0))
            #expect(left.map(\.id) == [ids[2]])
            #expect(try await store.purgeExpired(now: JobTimestamp(milliseconds: 300)) == nil)
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
                    group.addTask { _ = try await first.submit(JobSubmission(task: index % 2 == 0 ? "a" : "b", input: [])) }
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
                #expect(try await survivor.requeue(job.id, node: "victim"))
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
            _ = try await PostgresJobStore.open(url: "postgres://tend@127.0.0.1:1/none?sslmode=disable", logger: quietLogger)
            Issue.record("opened a store on a closed port")
        } catch {
            #expect(error.message.contains("postgres://tend@127.0.0.1:1/none"))
        }
    }
}
