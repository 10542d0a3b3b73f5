import SQLiteNIO

extension SQLiteConnection {
    /// Runs a statement whose rows (if any) are not needed.
    func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws {
        try await query(sql, binds) { _ in }
    }
}
