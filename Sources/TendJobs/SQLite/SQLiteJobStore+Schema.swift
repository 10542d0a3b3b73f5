
extension SQLiteJobStore {
    /// The schema version this code writes (`PRAGMA user_version`).
    static let schemaVersion = 1

    /// Each migration brings the database from version `index` to `index + 1`. Migrations are history: they
    /// spell state names out rather than taking them from `JobLifecycle`, so that they never change once shipped.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE jobs (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                task TEXT NOT NULL,
                state TEXT NOT NULL,
                input TEXT NOT NULL,
                result TEXT,
                progress TEXT,
                message TEXT,
                exit_status TEXT,
                node TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                terminate_requested INTEGER NOT NULL DEFAULT 0,
                submitted_at INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                expires_at INTEGER,
                pid INTEGER,
                pid_start INTEGER
            )
            """,
            "CREATE INDEX jobs_queue ON jobs (task, seq) WHERE state = 'queued'",
            "CREATE INDEX jobs_running ON jobs (node) WHERE state = 'running'",
            "CREATE INDEX jobs_expiry ON jobs (expires_at) WHERE expires_at IS NOT NULL",
        ]
    ]

    /// Sets the connection up (WAL, the chosen durability) and brings the schema to `schemaVersion`.
    static func prepare(_ database: SQLiteDatabase, synchronous: Synchronous) throws(JobStoreError) {
        do {
            _ = try database.query("PRAGMA journal_mode = WAL")
            try database.execute("PRAGMA synchronous = \(synchronous.rawValue)")
            let version = try database.query("PRAGMA user_version").first?.column("user_version")?.integer ?? 0
            guard version <= schemaVersion else {
                throw JobStoreError(
                    "the job database has schema version \(version), newer than this Tend's \(schemaVersion)")
            }
            for index in Int(version)..<schemaVersion {
                try database.execute("BEGIN IMMEDIATE")
                for statement in migrations[index] { try database.execute(statement) }
                try database.execute("PRAGMA user_version = \(index + 1)")
                try database.execute("COMMIT")
            }
        } catch let error as JobStoreError {
            throw error
        } catch {
            throw JobStoreError("couldn't prepare the job database", underlying: error)
        }
    }
}
