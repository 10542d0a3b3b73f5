import JobTestSupport
import Logging
import PostgresNIO
import TendJobs
import TendJobsPostgres

/// A database of its own for one test, on the test server; `drop()` removes it.
struct TestDatabase: Sendable {
    let url: PostgresURL
    private let server: PostgresURL

    /// Creates a fresh, empty database.
    init() async throws {
        server = try await PostgresTestServer.shared.url()
        let name = "tend_test_\(UInt64.random(in: 0...UInt64.max))"
        try await Self.administer(server, "CREATE DATABASE \(name)")
        url = server.with(database: name)
    }

    /// Drops the database (closing whatever connections remain).
    func drop() async {
        try? await Self.administer(server, "DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)")
    }

    /// Opens a store on this database as `node`; tests use short heartbeats.
    func openStore(
        node: String, heartbeat: Duration = .milliseconds(200), lapse: Duration = .seconds(1)
    ) async throws -> PostgresJobStore {
        try await PostgresJobStore.open(
            url: url, options: PostgresJobStoreOptions(node: node, heartbeatInterval: heartbeat, nodeLapse: lapse),
            logger: quietLogger)
    }

    /// Runs one statement on `url`'s server with a short-lived client.
    static func administer(_ url: PostgresURL, _ sql: String) async throws {
        var configuration = url.clientConfiguration()
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger)
        }
    }
}

extension TestDatabase {
    /// The pids of the server processes serving this database's listening connections.
    func listeningBackends() async throws -> [Int32] {
        var configuration = url.clientConfiguration()
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: quietLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            var pids: [Int32] = []
            let rows = try await client.query(
                """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()
                """, logger: quietLogger)
            for try await pid in rows.decode(Int32.self) { pids.append(pid) }
            return pids
        }
    }
}
