import Logging
import PostgresNIO
import Synchronization
import TendAPI
import TendJobs

/// Writes this node's heartbeat into `tend_nodes` every `heartbeatInterval` and, in the same statement, finds the
/// nodes that have running jobs but whose heartbeat lapsed (older than `nodeLapse` by the database's clock) or
/// that are not registered at all (they closed their store): each is published as `JobStoreEvent.nodeLost`.
///
/// A lost node is announced on every beat until its running jobs are handed back, so a subscriber that was busy
/// or not yet subscribed still hears of it; handing back is idempotent (`finish` and `requeue` only act on jobs
/// still running under that node's claim). The timer is the store's one periodic wake-up: a dead machine sends
/// nothing. After each beat it publishes `JobStoreEvent.heartbeat` (to this store's subscribers only): this
/// node's runner then checks that it still holds the claims of the jobs it runs.
final class NodeHeartbeat: Sendable {
    private let client: PostgresClient
    private let options: PostgresJobStoreOptions
    private let events: JobStoreEventHub
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let afterBeat: @Sendable () -> Void

    /// - Parameter afterBeat: runs after every periodic beat (the store checks its listening connection).
    init(
        client: PostgresClient, options: PostgresJobStoreOptions, events: JobStoreEventHub, logger: Logger,
        afterBeat: @escaping @Sendable () -> Void
    ) {
        self.afterBeat = afterBeat
        self.client = client
        self.options = options
        self.events = events
        self.logger = logger
    }

    /// Registers this node (or refreshes its row after a restart).
    func register() async throws(JobStoreError) {
        _ = try await beat()
    }

    /// Starts beating every `heartbeatInterval`.
    func start() {
        let interval = options.heartbeatInterval
        let beating = Task {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                do throws(JobStoreError) {
                    for node in try await beat() { events.publish(.nodeLost(node)) }
                    events.publish(.heartbeat)
                } catch {
                    logger.warning("couldn't write the node's heartbeat: \(error.message)")
                }
                afterBeat()
            }
        }
        task.withLock { $0 = beating }
    }

    /// Stops beating (peers see this node lapse unless it unregisters).
    func stop() async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    /// Removes this node's row: a clean stop. Jobs it still had running are taken over by its peers at once.
    func unregister() async {
        do {
            try await client.query("DELETE FROM tend_nodes WHERE name = \(options.node)", logger: logger)
        } catch {
            logger.warning("couldn't unregister node \(options.node): \(PostgresErrorText.describe(error))")
        }
    }

    /// Refreshes the heartbeat and returns the lost peers.
    private func beat() async throws(JobStoreError) -> [String] {
        let lapse =
            Int64(options.nodeLapse.components.seconds * 1000)
            + options.nodeLapse.components.attoseconds / 1_000_000_000_000_000
        let node = options.node
        do {
            let rows = try await client.query(
                """
                WITH beat AS (
                    INSERT INTO tend_nodes (name, heartbeat, started_at) VALUES (\(node), now(), now())
                    ON CONFLICT (name) DO UPDATE SET heartbeat = now()
                    RETURNING name
                )
                SELECT DISTINCT j.node FROM tend_jobs AS j LEFT JOIN tend_nodes AS n ON n.name = j.node
                WHERE \(unescaped: JobLifecycle.sqlCondition([.running], column: "j.state")) AND j.node <> \(node)
                    AND (n.name IS NULL OR n.heartbeat < now() - \(lapse) * interval '1 millisecond')
                    AND (SELECT count(*) FROM beat) = 1
                """, logger: logger)
            var lost: [String] = []
            for try await (name) in rows.decode(String.self) { lost.append(name) }
            return lost
        } catch {
            throw JobStoreError("couldn't write the heartbeat of node \(node): \(PostgresErrorText.describe(error))")
        }
    }
}
