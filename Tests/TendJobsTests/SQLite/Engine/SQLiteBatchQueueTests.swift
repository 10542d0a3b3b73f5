import JobTestSupport
import Foundation
import Testing

@testable import TendJobs

/// Group commit keeps each request whole: in a shared transaction, a request that fails part-way leaves nothing.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteBatchQueueTests {
    @Test func workThatFailsPartWayLeavesNoneOfItsStatementsInTheSharedTransaction() async throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        let database = try SQLiteDatabase(path: directory.file("batch.sqlite"))
        try database.execute("CREATE TABLE t (v TEXT NOT NULL)")
        let queue = SQLiteBatchQueue(database: database, maximumBatch: 10)
        // The first request holds the database's thread until two more wait behind it: those two share one
        // transaction.
        let (started, start) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await queue.perform("first") { database in
                start.yield()
                let deadline = ContinuousClock.now + .seconds(10)
                while queue.pendingCount < 2, ContinuousClock.now < deadline { usleep(1000) }
                try database.execute("INSERT INTO t VALUES ('first')")
            }
        }
        for await _ in started { break }
        let broken = Task {
            try await queue.perform("broken") { database in
                try database.execute("INSERT INTO t VALUES ('half of broken')")
                try database.execute("INSERT INTO t VALUES (NULL)")  // fails: NOT NULL
            }
        }
        let whole = Task {
            try await queue.perform("whole") { database in
                try database.execute("INSERT INTO t VALUES ('whole')")
            }
        }
        try await first.value
        let error = await #expect(throws: JobStoreError.self) { try await broken.value }
        #expect(error?.message.contains("NOT NULL constraint failed: t.v") == true, "\(String(describing: error))")
        try await whole.value
        let rows = try await queue.perform("read", needsTransaction: false) { database in
            try database.query("SELECT v FROM t ORDER BY rowid")
        }
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
