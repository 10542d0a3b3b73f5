import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension ReliabilitySuite {
    /// kill -9 of the daemon in the middle of a burst of submissions from several clients: every job that POST
    /// answered 2xx for is there after a restart (an answer means the job is committed), on SQLite and on PostgreSQL.
    @Suite struct DurabilityUnderKillTests {
        static let jobs = 3000
        static let clients = 4

        /// The jobs wait (one slot, taken by a job that sleeps), so the test measures the store and not 3,000 spawns.
        private static func programs(jobStore: String?) -> String {
            let store = jobStore.map { "[tend]\njob_store = \($0)\n\n" } ?? ""
            return store + """
                [task:hold]
                command = /bin/sleep 600
                concurrency = 1
                on_interrupt = requeue
                """
        }

        @Test func everyAnsweredSubmissionSurvivesKillNineOnSQLite() async throws {
            let daemon = try DaemonFixture(programs: Self.programs(jobStore: nil))
            defer { daemon.tearDown() }
            try await Self.submitKillRestartAndFindEveryJob(daemon, seed: ReliabilitySeededGenerator.seed(fallback: 18))
        }

        @Test(
            .enabled(
                if: SharedDatabase.serverURL != nil,
                "set TEND_TEST_POSTGRES_URL to a PostgreSQL server (scripts/test does)"))
        func everyAnsweredSubmissionSurvivesKillNineOnPostgreSQL() async throws {
            // A database of its own, so runs (and the other PostgreSQL suites) never see each other's jobs.
            let database = try SharedDatabase()
            let daemon = try DaemonFixture(programs: Self.programs(jobStore: database.url))
            defer {
                daemon.tearDown()
                database.drop()
            }
            try await Self.submitKillRestartAndFindEveryJob(
                daemon, seed: ReliabilitySeededGenerator.seed(fallback: 1818))
        }

        private static func submitKillRestartAndFindEveryJob(_ daemon: DaemonFixture, seed: UInt64) async throws {
            try daemon.start()
            var random = ReliabilitySeededGenerator(seed: seed)
            let killAfter = Int.random(in: jobs / 10...jobs * 9 / 10, using: &random)
            let pid = try #require(daemon.daemonPID)
            let started = ContinuousClock.now
            let submitters = ReliabilitySubmitters(
                socket: daemon.socketPath, total: jobs, clients: clients, killAfter: killAfter,
                body: { #"{"task": "hold", "n": \#($0)}"# }, kill: { _ = kill(pid, SIGKILL) })
            await submitters.submitUntilKilled()
            let killedAt = ContinuousClock.now - started
            try await daemon.startOffThread()
            let outcome = await submitters.resumeAfterRestart()
            let submitted = ContinuousClock.now - started
            #expect(outcome.acceptedBeforeKill == killAfter, "seed \(seed): the kill came during submission")
            #expect(outcome.otherAnswers.isEmpty, "seed \(seed): \(outcome.otherAnswers.prefix(5))")
            #expect(outcome.accepted.count + outcome.unanswered == jobs)
            #expect(Set(outcome.accepted).count == outcome.accepted.count, "seed \(seed): an id was given twice")

            let lost = try await ReliabilityLookups.missing(
                outcome.accepted, socket: daemon.socketPath, clients: clients)
            #expect(
                lost.isEmpty, "seed \(seed): \(lost.count) accepted jobs lost, e.g. \(lost.prefix(5))\n\(daemon.log)")
            print(
                "reliability: durability seed \(seed): \(outcome.accepted.count) of \(jobs) accepted "
                    + "(\(outcome.acceptedBeforeKill) before kill -9 at \(killedAt)), \(outcome.unanswered) unanswered, "
                    + "\(lost.count) lost; submission took \(submitted)")
        }
    }
}
