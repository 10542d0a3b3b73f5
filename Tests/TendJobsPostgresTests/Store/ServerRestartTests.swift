import TendJobs
import TendJobsPostgres
import Testing

@Suite(.serialized, .timeLimit(.minutes(1)))
struct ServerRestartTests {
    @Test func pooledConnectionsTheServerClosedAreReplacedWithoutFailingARequest() async throws {
        let database = try await TestDatabase()
        let store = try await database.openStore(node: "n1", heartbeat: .seconds(60), lapse: .seconds(120))
        let first = try await store.submit(JobSubmission(task: "a", input: Array("{}".utf8)))
        // The server ends every connection of the database but the listening one, as a restart would.
        try await TestDatabase.administer(
            database.url,
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query NOT LIKE 'LISTEN%'
            """)
        let second = try await store.submit(JobSubmission(task: "a", input: Array("{}".utf8)))
        let listed = try await store.list(JobFilter(task: "a"), now: .now)
        #expect(listed.map(\.id) == [second.id, first.id])
        await store.close()
        await database.drop()
    }
}
