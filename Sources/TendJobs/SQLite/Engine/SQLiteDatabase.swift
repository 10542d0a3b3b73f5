import CTendSQLite

/// One SQLite connection driven through SQLite's C API, with each distinct statement prepared once and kept.
///
/// Not thread-safe by design: one thread owns it (`SQLiteBatchQueue`'s), so SQLite is opened without its own
/// mutexes. sqlite-nio was the layer before: every statement there was parsed again and hopped to NIO's thread pool
/// and back to an event loop; in the bench's job rows a job's four store calls (submit, claim, process record,
/// finish, each a transaction of several statements under load) spent more time in those hops than in SQLite.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    /// Prepared statements by their SQL text; the store's statements are a small fixed set (plus `list`'s few
    /// filter combinations), so the cache needs no bound.
    private var statements: [String: OpaquePointer] = [:]
    private var closed = false

    /// Opens (or creates) the database file at `path`.
    init(path: String) throws(SQLiteFailure) {
        var opened: OpaquePointer?
        let flags = Int32(TEND_SQLITE_OPEN_READWRITE | TEND_SQLITE_OPEN_CREATE | TEND_SQLITE_OPEN_NOMUTEX)
        let status = tend_sqlite_open(path, &opened, flags, nil)
        guard status == TEND_SQLITE_OK, let opened else {
            let message = opened.map { String(cString: tend_sqlite_errmsg($0)) } ?? "out of memory"
            if let opened { tend_sqlite_close(opened) }
            throw SQLiteFailure(code: status, message: "couldn't open \(path): \(message)")
        }
        handle = opened
        // Another process reading the file (the CLI's `sqlite3`, a backup) may hold a lock for a moment.
        tend_sqlite_busy_timeout(handle, 5000)
        // Plans that never depend on bound values, so that a prepared statement is never prepared again because
        // one of its parameters changed (the claim's was, on every call).
        let stable = tend_sqlite_enable_stable_plans(handle)
        guard stable == TEND_SQLITE_OK else {
            tend_sqlite_close(handle)
            throw SQLiteFailure(code: stable, message: "couldn't turn on SQLite's query planner stability guarantee")
        }
    }

    deinit { close() }

    /// Whether a transaction is open (SQLite's autocommit mode is off).
    var inTransaction: Bool { tend_sqlite_get_autocommit(handle) == 0 }

    /// Runs `sql` with `binds`, discarding any rows.
    func execute(_ sql: String, _ binds: [SQLiteValue] = []) throws(SQLiteFailure) {
        _ = try run(sql, binds, collect: false)
    }

    /// Runs `sql` with `binds` and returns its rows.
    func query(_ sql: String, _ binds: [SQLiteValue] = []) throws(SQLiteFailure) -> [SQLiteRecord] {
        try run(sql, binds, collect: true)
    }

    /// Finalizes every statement and closes the connection; later calls fail.
    func close() {
        guard !closed else { return }
        closed = true
        for statement in statements.values { tend_sqlite_finalize(statement) }
        statements.removeAll()
        tend_sqlite_close(handle)
    }

    private func run(_ sql: String, _ binds: [SQLiteValue], collect: Bool) throws(SQLiteFailure) -> [SQLiteRecord] {
        let statement = try prepared(sql)
        defer {
            tend_sqlite_reset(statement)
            tend_sqlite_clear_bindings(statement)
        }
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = tend_sqlite_bind_int64(statement, index, number)
            case .null: status = tend_sqlite_bind_null(statement, index)
            case .text(var text):
                status = text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress, !bytes.isEmpty else {
                        return tend_sqlite_bind_text_copy(statement, index, "", 0)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        tend_sqlite_bind_text_copy(statement, index, $0, Int32(bytes.count))
                    }
                }
            }
            guard status == TEND_SQLITE_OK else { throw failure(sql) }
        }
        var rows: [SQLiteRecord] = []
        var columns: [String]?
        while true {
            switch tend_sqlite_step(statement) {
            case Int32(TEND_SQLITE_DONE):
                return rows
            case Int32(TEND_SQLITE_ROW):
                guard collect else { continue }
                let names = columns ?? Self.columnNames(of: statement)
                columns = names
                rows.append(SQLiteRecord(columns: names, values: Self.values(of: statement, count: names.count)))
            default:
                throw failure(sql)
            }
        }
    }

    /// How many times SQLite prepared the cached statement for `sql` again since it was first prepared (after a
    /// schema change, or a binding its plan depended on); `nil` when `sql` never ran.
    func timesPreparedAgain(_ sql: String) -> Int? {
        statements[sql].map { Int(tend_sqlite_stmt_status($0, Int32(TEND_SQLITE_STMTSTATUS_REPREPARE), 0)) }
    }

    private func prepared(_ sql: String) throws(SQLiteFailure) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        guard !closed else { throw SQLiteFailure(code: 21, message: "the database is closed", sql: sql) }
        var statement: OpaquePointer?
        guard tend_sqlite_prepare(handle, sql, -1, &statement, nil) == TEND_SQLITE_OK, let statement else {
            throw failure(sql)
        }
        statements[sql] = statement
        return statement
    }

    private func failure(_ sql: String) -> SQLiteFailure {
        SQLiteFailure(
            code: tend_sqlite_extended_errcode(handle), message: String(cString: tend_sqlite_errmsg(handle)), sql: sql)
    }

    private static func columnNames(of statement: OpaquePointer) -> [String] {
        (0..<tend_sqlite_column_count(statement)).map { String(cString: tend_sqlite_column_name(statement, $0)) }
    }

    private static func values(of statement: OpaquePointer, count: Int) -> [SQLiteValue] {
        (0..<Int32(count)).map { column in
            switch tend_sqlite_column_type(statement, column) {
            case Int32(TEND_SQLITE_NULL):
                return .null
            case Int32(TEND_SQLITE_INTEGER):
                return .integer(tend_sqlite_column_int64(statement, column))
            default:
                guard let text = tend_sqlite_column_text(statement, column) else { return .null }
                let bytes = UnsafeBufferPointer(start: text, count: Int(tend_sqlite_column_bytes(statement, column)))
                return .text(String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
