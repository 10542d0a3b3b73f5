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
