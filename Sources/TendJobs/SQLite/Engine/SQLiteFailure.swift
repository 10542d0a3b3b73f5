/// What SQLite answered when a call failed: its extended result code and message.
struct SQLiteFailure: Error, Sendable, CustomStringConvertible {
    /// SQLite's extended result code (`SQLITE_CONSTRAINT_NOTNULL`, …).
    var code: Int32
    /// SQLite's message (`NOT NULL constraint failed: jobs.id`).
    var message: String
    /// The statement it came from, for the log.
    var sql: String?

    var description: String {
        guard let sql else { return "\(message) (SQLite error \(code))" }
        return "\(message) (SQLite error \(code) in: \(sql.prefix(120)))"
    }
}
