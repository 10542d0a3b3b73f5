import Logging
import PostgresNIO
import TendJobs

extension PostgresJobStore {
    /// The schema version this code writes (the single row of `tend_schema`).
    static let schemaVersion = 1

    /// An arbitrary key for the advisory lock that serialises schema changes between daemons starting together.
    static let schemaLockKey: Int64 = 0x7465_6E64_6A6F_6273

    /// Each migration brings the database from version `index` to `index + 1`. Migrations are history: they
    /// spell state names out rather than taking them from `JobLifecycle`, so that they never change once shipped.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE tend_jobs (
                seq bigserial PRIMARY KEY,
                id text NOT NULL UNIQUE,
                task text NOT NULL,
                state text NOT NULL,
                input text NOT NULL,
                result text,
                progress text,
                message text,
                exit_status text,
                node text,
                attempts integer NOT NULL DEFAULT 0,
                terminate_requested boolean NOT NULL DEFAULT false,
                submitted_at bigint NOT NULL,
                started_at bigint,
                finished_at bigint,
                expires_at bigint,
                pid integer,
                pid_start bigint
            )
            """,
            "CREATE INDEX tend_jobs_queue ON tend_jobs (task, seq) WHERE state = 'queued'",
            "CREATE INDEX tend_jobs_running ON tend_jobs (node) WHERE state = 'running'",
            "CREATE INDEX tend_jobs_expiry ON tend_jobs (expires_at) WHERE expires_at IS NOT NULL",
            """
            CREATE TABLE tend_nodes (
                name text PRIMARY KEY,
                heartbeat timestamptz NOT NULL,
                started_at timestamptz NOT NULL
            )
            """,
        ]
    ]

    /// Brings the database's schema to `schemaVersion`. Idempotent, and safe when several daemons start at once
    /// (a transaction-scoped advisory lock serialises them).
    /// - Throws: `JobStoreError` when the database cannot be changed or has a newer schema than this code.
    static func prepareSchema(_ client: PostgresClient, logger: Logger) async throws(JobStoreError) {
        do {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(schemaLockKey))", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS tend_schema (version integer NOT NULL)", logger: logger)
                var version = 0
                for try await (value) in try await connection.query("SELECT version FROM tend_schema", logger: logger)
                    .decode(Int.self)
                {
                    version = max(version, value)
                }
                guard version <= schemaVersion else {
                    throw JobStoreError(
                        "the job database has schema version \(version), newer than this Tend's \(schemaVersion)")
                }
                guard version < schemaVersion else { return }
                for index in version..<schemaVersion {
                    for statement in migrations[index] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                }
                try await connection.query("DELETE FROM tend_schema", logger: logger)
                try await connection.query(
                    "INSERT INTO tend_schema (version) VALUES (\(schemaVersion))", logger: logger)
            }
        } catch let error as JobStoreError {
            throw error
        } catch {
            throw JobStoreError("couldn't prepare the job database: \(PostgresErrorText.describe(error))")
        }
    }
}
