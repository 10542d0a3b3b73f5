import Foundation
import JobTestSupport
import TendConfig
import TendJobs
import TendJobsPostgres
import Testing

/// Two `JobRunner`s with different node names sharing one PostgreSQL database, in-process.
@Suite(
    .serialized, .timeLimit(.minutes(3)))
struct TwoNodeRunnerTests {
    /// Runs `body` with a fresh database and directory; stops `nodes` it made and drops the database after.
    private func withCluster(_ body: (TestDatabase, TemporaryDirectory) async throws -> Void) async throws {
        let database = try await TestDatabase()
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        do {
            try await body(database, directory)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    @Test func twoRunnersRunEveryJobExactlyOnce() async throws {
        try await withCluster { database, directory in
            let task = shellTask("record", "echo \"$TEND_JOB_ID\" >> \"$WORK/ran\"; sleep 0.05; echo {}") {
                $0.concurrency = 3
            }
            let one = try await RunnerNode("one", database: database, tasks: [task], directory: directory)
            let two = try await RunnerNode("two", database: database, tasks: [task], directory: directory)
            var ids: [JobID] = []
            for index in 0..<40 { ids.append(try await (index % 2 == 0 ? one : two).submit("record")) }
            var nodes: [String: Int] = [:]
            for id in ids {
                let job = try await waitForJob(id, in: one.store, "completed") { $0.state.isFinished }
                #expect(job.state == .completed)
                #expect(job.attempts == 1)
                nodes[job.node ?? "?", default: 0] += 1
            }
            await one.stop()
            await two.stop()
            let lines = directory.read("ran").split(separator: "\n").map(String.init)
            #expect(lines.count == ids.count)
            #expect(Set(lines) == Set(ids.map(\.rawValue)))
            #expect(Set(nodes.keys).isSubset(of: ["one", "two"]))
        }
    }

    @Test func anIdleNodeWakesWhenAnotherNodeQueuesAJob() async throws {
        try await withCluster { database, directory in
            let task = shellTask("hello", "echo \"{\\\"node\\\": \\\"$TEND_JOB_ID\\\"}\"")
            // The worker's heartbeat is a minute away: only the notification can wake it.
            let worker = try await RunnerNode(
                "worker", database: database, tasks: [task], directory: directory, heartbeat: .seconds(60))
            let front = try await database.openStore(node: "front", heartbeat: .seconds(60), lapse: .seconds(120))
            let service = JobService(store: front, tasks: try TaskCatalog([task]))
            // Idle: its first claim found nothing, so the job below can reach it only by the notification.
            try await within(.seconds(10), waitingFor: "the worker to become idle") {
                await worker.runner.waitUntilIdle()
            }
            let submitted = ContinuousClock.now
            let id = try await service.submit(task: "hello", input: Array("{}".utf8))
            let job = try await waitForJob(id, in: front, "completed", timeout: .seconds(10)) { $0.state.isFinished }
            #expect(job.state == .completed)
            #expect(job.node == "worker")
            #expect(ContinuousClock.now - submitted < .seconds(5))
            await front.close()
            await worker.stop()
        }
    }

    @Test func terminateFromAnotherNodeStopsTheJobWhereItRuns() async throws {
        try await withCluster { database, directory in
            let task = shellTask("long", "sleep 30")
            let worker = try await RunnerNode("worker", database: database, tasks: [task], directory: directory)
            let front = try await database.openStore(node: "front")
            let service = JobService(store: front, tasks: try TaskCatalog([task]))
            let id = try await service.submit(task: "long", input: Array("{}".utf8))
            let running = try await waitForJob(id, in: front, "running") { $0.state == .running && $0.process != nil }
            #expect(running.node == "worker")
            let report = try await service.terminate(id)
            #expect(report.state == .running, "the request answers with the state it found")
            let stopped = ContinuousClock.now
            let job = try await waitForJob(id, in: front, "terminated", timeout: .seconds(10)) { $0.state.isFinished }
            #expect(job.state == .terminated)
            #expect(ContinuousClock.now - stopped < .seconds(5))
            if let pid = running.process?.pid { #expect(kill(pid, 0) == -1) }
            await front.close()
            await worker.stop()
        }
    }

    @Test(arguments: [TaskSpec.InterruptPolicy.requeue, .fail])
    func aLostNodesRunningJobIsHandledByItsPeerPerOnInterrupt(policy: TaskSpec.InterruptPolicy) async throws {
        try await withCluster { database, directory in
            let task = shellTask(
                "work", "if [ -e \"$WORK/first-ran\" ]; then echo {}; else touch \"$WORK/first-ran\"; sleep 30; fi"
            ) {
                $0.onInterrupt = policy
            }
            let victim = try await RunnerNode("victim", database: database, tasks: [task], directory: directory)
            let id = try await victim.submit("work")
            let running = try await waitForJob(id, in: victim.store, "running") {
                $0.state == .running && $0.process != nil
            }
            #expect(running.node == "victim")
            let survivor = try await RunnerNode("survivor", database: database, tasks: [task], directory: directory)
            await victim.crash()
            let job = try await waitForJob(id, in: survivor.store, "handled", timeout: .seconds(15)) {
                $0.state.isFinished
            }
            switch policy {
            case .requeue:
                #expect(job.state == .completed)
                #expect(job.node == "survivor")
                #expect(job.attempts == 2)
            case .fail:
                #expect(job.state == .crashed)
                #expect(job.message?.contains("node victim stopped answering") == true)
            }
            await survivor.stop()
        }
    }

    @Test(arguments: [TaskSpec.InterruptPolicy.requeue, .fail])
    func aRestartedNodeRecoversTheJobsItHadRunning(policy: TaskSpec.InterruptPolicy) async throws {
        try await withCluster { database, directory in
            let task = shellTask("work", "echo {}") { $0.onInterrupt = policy }
            // A daemon that claimed a job, started its process, and died: its row and the process remain.
            let leftover = try LeftoverSleep()
            let crashed = try await database.openStore(node: "node-a")
            let id = try await crashed.submit(JobSubmission(task: "work", input: Array("{}".utf8))).id
            _ = try await crashed.claim(slots: ["work": 1], node: "node-a", now: .now)
            try await crashed.recordProcess(leftover.identity, of: id, claim: JobClaim(node: "node-a", attempt: 1))
            await crashed.abandon()

            let restarted = try await RunnerNode("node-a", database: database, tasks: [task], directory: directory)
            let job = try await waitForJob(id, in: restarted.store, "recovered") { $0.state.isFinished }
            #expect(leftover.waitForExit(timeout: 10))
            switch policy {
            case .requeue:
                #expect(job.state == .completed)
                #expect(job.attempts == 2)
            case .fail:
                #expect(job.state == .crashed)
                #expect(job.message?.contains("interrupted: the daemon stopped while the job ran") == true)
            }
            await restarted.stop()
        }
    }
}
