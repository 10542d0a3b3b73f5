import Foundation
import JobTestSupport
import TendConfig
import TendJobs
import TendJobsPostgres
import Testing

/// A node that was thought lost while its machine lived must not keep running, or write into, a job that a peer
/// took over (issue 18's fencing): its writes name their claim, and its heartbeat finds the lost claim.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ClaimFencingTests {
    @Test func aNodeWhoseJobWasTakenOverKillsItsProcessAndWritesNothing() async throws {
        let database = try await TestDatabase()
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        do {
            let task = shellTask("long", "echo \"$$\" > \"$WORK/pid\"; sleep 30; echo '{\"late\":true}'")
            // A long lapse: on a loaded machine the peer's own heartbeat may come late, and `stalled` must not take
            // the peer for lost (it would hand the job back); the fencing check rides on every beat, not the lapse.
            let stalled = try await RunnerNode(
                "stalled", database: database, tasks: [task], directory: directory, lapse: .seconds(60))
            let id = try await stalled.submit("long")
            let running = try await waitForJob(id, in: stalled.store, "running with its process") {
                $0.state == .running && $0.process != nil
            }
            let process = try #require(running.process)
            #expect(running.claim == JobClaim(node: "stalled", attempt: 1))

            // What a peer does once it believes `stalled` lost: hands the job back under the stalled node's claim,
            // and a node claims it again. (The stalled node keeps beating: as on a machine that froze and woke.)
            let peer = try await database.openStore(node: "peer", lapse: .seconds(60))
            #expect(try await peer.requeue(id, claim: JobClaim(node: "stalled", attempt: 1)))
            let taken = try await peer.claim(slots: ["long": 1], node: "peer", now: .now)
            #expect(taken.map(\.id) == [id])

            // The stalled node's next heartbeat finds its claim gone and kills the job's process group.
            #expect(waitForExit(of: process.pid, timeout: 10), "the stalled node's job process still runs")
            try await within(.seconds(10), waitingFor: "the stalled node to drop the job") {
                while await stalled.runner.runningJobIDs.contains(id), !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
            let job = try #require(try await peer.job(id, now: .now))
            #expect(job.state == .running)
            #expect(job.claim == JobClaim(node: "peer", attempt: 2))
            #expect(job.result == nil)
            let finished = try await peer.finish(
                id, claim: JobClaim(node: "peer", attempt: 2), outcome: .completed(result: []),
                exitStatus: "exit status 0", now: .now, expiresAt: JobTimestamp.now.adding(seconds: 60))
            #expect(finished?.state == .completed)
            await peer.close()
            await stalled.stop()
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    /// Whether `pid` is gone (or a zombie nobody reaps yet) within `timeout` seconds.
    private func waitForExit(of pid: Int32, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if kill(pid, 0) != 0 { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}
