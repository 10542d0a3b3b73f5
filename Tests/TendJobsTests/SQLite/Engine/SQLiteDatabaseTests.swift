import JobTestSupport
import Testing

@testable import TendJobs

/// The store's own SQLite engine: values go in and come out as bound, a statement runs again with new values, and
/// SQLite's own errors reach the caller with their message.
@Suite(.timeLimit(.minutes(1)))
struct SQLiteDatabaseTests {
    @Test func valuesRoundTripAndAPreparedStatementRunsAgainWithNewValues() throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        let database = try SQLiteDatabase(path: directory.file("values.sqlite"))
        defer { database.close() }
        try database.execute("CREATE TABLE t (n INTEGER, s TEXT)")
        let rows: [(Int64?, String?)] = [
            (1, "plain"), (-9_007_199_254_740_993, ""), (nil, "ünïcödé ✓ \u{0}x"), (3, nil),
        ]
        for (number, text) in rows {
            let values: [SQLiteValue] = [number.map { .integer($0) } ?? .null, text.map { .text($0) } ?? .null]
            try database.execute("INSERT INTO t (n, s) VALUES (?, ?)", values)
        }
        let read = try database.query("SELECT n, s FROM t ORDER BY rowid")
        #expect(read.map { $0.column("n")?.integer } == rows.map(\.0))
        #expect(read.map { $0.column("s")?.string } == rows.map(\.1))
        #expect(read.first?.column("missing") == nil)
        let counted = try database.query("SELECT COUNT(*) AS c FROM t WHERE n > ?", [.integer(0)])
        #expect(counted.first?.column("c")?.integer == 2)
        let again = try database.query("SELECT COUNT(*) AS c FROM t WHERE n > ?", [.integer(1)])
        #expect(again.first?.column("c") == .integer(1))
    }

    /// The claim's shape: a partial index, a parameter compared with an indexed column and a `LIMIT ?`. Without
    /// the planner's stability guarantee SQLite plans such a statement again whenever those bindings change.
    @Test func aStatementIsNotPreparedAgainWhenItsBindingsChange() throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        let database = try SQLiteDatabase(path: directory.file("plans.sqlite"))
        defer { database.close() }
        try database.execute("CREATE TABLE jobs (seq INTEGER PRIMARY KEY, task TEXT, state TEXT)")
        try database.execute("CREATE INDEX jobs_queue ON jobs (task, seq) WHERE state = 'queued'")
        for seq in 1...20 {
            try database.execute(
                "INSERT INTO jobs VALUES (?, ?, 'queued')", [.integer(Int64(seq)), .text(seq % 2 == 0 ? "a" : "b")])
        }
        let claim = """
            UPDATE jobs SET state = 'running' WHERE seq IN (
                SELECT seq FROM jobs WHERE state = 'queued' AND task = ? ORDER BY seq LIMIT ?
            ) RETURNING seq
            """
        var claimed: [Int64] = []
        for (task, count) in [("a", 1), ("b", 2), ("a", 3), ("b", 1)] {
            claimed += try database.query(claim, [.text(task), .integer(Int64(count))]).compactMap {
                $0.column("seq")?.integer
            }
        }
        #expect(claimed.sorted() == [1, 2, 3, 4, 5, 6, 8])
        #expect(database.timesPreparedAgain(claim) == 0)
        #expect(database.timesPreparedAgain("SELECT 'never ran'") == nil)
    }

    @Test func sqlitesErrorsNameTheirCauseAndLeaveTheConnectionUsable() throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanUp() }
        let database = try SQLiteDatabase(path: directory.file("errors.sqlite"))
        defer { database.close() }
        try database.execute("CREATE TABLE t (v TEXT NOT NULL UNIQUE)")
        try database.execute("INSERT INTO t VALUES (?)", [.text("a")])
        let duplicate = #expect(throws: SQLiteFailure.self) {
            try database.execute("INSERT INTO t VALUES (?)", [.text("a")])
        }
        #expect(duplicate?.message.contains("UNIQUE constraint failed: t.v") == true, "\(duplicate as Any)")
        let syntax = #expect(throws: SQLiteFailure.self) { try database.query("SELEKT 1") }
        #expect(syntax?.message.contains("syntax error") == true, "\(String(describing: syntax))")
        try database.execute("INSERT INTO t VALUES (?)", [.text("b")])
        #expect(try database.query("SELECT v FROM t ORDER BY v").map { $0.column("v")?.string } == ["a", "b"])
    }
}
