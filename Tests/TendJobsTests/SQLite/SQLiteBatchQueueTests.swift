import JobTestSupport
import SQLiteNIO
import Testing

@testable import TendJobs

/// Group commit keeps each request whole: in a shared transaction, a request that fails part-way leaves nothing.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteBatchQueueTests {
    @Test func workThatFailsPartWayLeavesNoneOfItsStatementsInTheSharedTransaction() async throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        let connection = try await SQLiteConnection.open(storage: .file(path: directory.file("batch.sqlite")))
        try await connection.execute("CREATE TABLE t (v TEXT NOT NULL)")
        let queue = SQLiteBatchQueue(connection: connection, maximumBatch: 10)
        // The first request holds the connection until two more wait behind it: those two share one transaction.
        let (gate, open) = AsyncStream<Void>.makeStream()
        let (started, start) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await queue.perform("first") { connection in
                start.yield()
                for await _ in gate { break }
                try await connection.execute("INSERT INTO t VALUES ('first')")
            }
        }
        for await _ in started { break }
        let broken = Task {
            try await queue.perform("broken") { connection in
                try await connection.execute("INSERT INTO t VALUES ('half of broken')")
                try await connection.execute("INSERT INTO t VALUES (NULL)")  // fails: NOT NULL
            }
        }
        let whole = Task {
            try await queue.perform("whole") { connection in
                try await connection.execute("INSERT INTO t VALUES ('whole')")
            }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while queue.pendingCount < 2, ContinuousClock.now < deadline { await Task.yield() }
        open.yield()
        try await first.value
        await #expect(throws: JobStoreError.self) { try await broken.value }
        try await whole.value
        let rows = try await connection.query("SELECT v FROM t ORDER BY rowid")
        #expect(rows.map { $0.column("v")?.string ?? "?" } == ["first", "whole"])
        await queue.close()
    }

    @Test func jobDurabilityFullOpensTheStoreWithSynchronousFull() async throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        for (synchronous, expected) in [(SQLiteJobStore.Synchronous.normal, 1), (.full, 2)] {
            let store = try await SQLiteJobStore.open(
                path: directory.file("jobs-\(synchronous.rawValue).sqlite"),
                options: SQLiteJobStore.Options(synchronous: synchronous))
            #expect(try await store.synchronousSetting() == expected)
            await store.close()
        }
    }
}
