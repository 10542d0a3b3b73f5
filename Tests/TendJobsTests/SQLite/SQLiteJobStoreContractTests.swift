import JobTestSupport
import TendJobs
import Testing

/// The `JobStore` contract on SQLite: every check of `JobStoreContract`, each on a fresh database of its own.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteJobStoreContractTests {
    @Test(arguments: JobStoreContract.checks)
    func sqliteStoreKeepsTheContract(_ check: JobStoreContractCheck) async throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try await SQLiteJobStore.open(path: directory.file("jobs.sqlite"))
        do {
            try await check.run(on: store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
