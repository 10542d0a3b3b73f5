import Logging
import PostgresNIO
import Synchronization
import TendJobs

/// The shared job store: one PostgreSQL database that several Tend daemons, on several machines, use as one queue.
///
/// - Claiming: `claim` locks the oldest queued jobs of each task with `FOR UPDATE SKIP LOCKED`, so every job goes
///   to exactly one node and nodes never wait for each other.
/// - Wake-ups: every change is sent with `NOTIFY` in the statement that makes it (delivered at commit), and each
///   store `LISTEN`s on one pooled connection; `subscribe()` streams carry the changes of every node. Nothing
///   polls the queue.
/// - Node loss: each store writes its node's heartbeat every `heartbeatInterval` (the one periodic wake-up: a dead
///   machine sends nothing) and, at the same time, looks for nodes with running jobs whose heartbeat, by the
///   database's clock, is older than `nodeLapse` (or that closed their store): it announces each as
///   `JobStoreEvent.nodeLost` to its subscribers, again on every beat until that node's running jobs are gone.
///   The same beat checks that the listening connection still answers (a silently dead one is replaced).
///
/// Every method returns after its change is committed. Each change is one statement, one round trip (CTEs carry
/// the `NOTIFY`), except a termination request (a short transaction that locks the job's row); submissions that
/// arrive together share one `INSERT`.
public final class PostgresJobStore: JobStore {
    /// The database, without its password.
    public let url: PostgresURL
    /// The settings the store was opened with.
    public let options: PostgresJobStoreOptions
    let client: PostgresClient
    let logger: Logger
    /// Names this store instance in its notifications, so that it skips its own.
    let origin: String
    let events = JobStoreEventHub()
    let submitter: SubmitBatcher
    private let clientTask: Task<Void, Never>
    private let listener: StoreListener
    private let heartbeat: NodeHeartbeat

    private init(
        url: PostgresURL, options: PostgresJobStoreOptions, client: PostgresClient, clientTask: Task<Void, Never>,
        origin: String, logger: Logger
    ) {
        self.url = url
        self.options = options
        self.client = client
        self.clientTask = clientTask
        self.origin = origin
        self.logger = logger
        self.submitter = SubmitBatcher(
            client: client, origin: origin, maximumBatch: options.maximumSubmitBatch,
            retries: options.maximumConnections, logger: logger)
        let listener = StoreListener(client: client, origin: origin, events: events, logger: logger)
        self.listener = listener
        let interval = options.heartbeatInterval
        self.heartbeat = NodeHeartbeat(client: client, options: options, events: events, logger: logger) {
            listener.check(within: interval)
        }
    }

    /// Connects to the database at `url`, brings its schema up to date, registers this node and starts listening.
    /// - Throws: `JobStoreError` when the server cannot be reached, the schema is newer than this code, or the
    ///   options are invalid. Nothing is left running then.
    public static func open(
        url: PostgresURL, options: PostgresJobStoreOptions = PostgresJobStoreOptions(),
        logger: Logger = Logger(label: "tend.jobs.postgres")
    ) async throws(JobStoreError) -> PostgresJobStore {
        try options.validate()
        do {
            try await url.probe(logger: logger)
        } catch {
            throw JobStoreError("couldn't connect to the job store \(url): \(PostgresErrorText.describe(error))")
        }
        var configuration = url.clientConfiguration()
        configuration.options.maximumConnections = options.maximumConnections
        configuration.options.minimumConnections = 0
        // Idle connections are not pinged: the heartbeat uses the pool often enough, and an idle daemon sleeps.
        configuration.options.keepAliveBehavior = nil
        configuration.options.connectTimeout = .seconds(10)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let clientTask = Task { await client.run() }
        var generator = SystemRandomNumberGenerator()
        let origin = String(generator.next() as UInt64, radix: 36)
        let store = PostgresJobStore(
            url: url, options: options, client: client, clientTask: clientTask, origin: origin, logger: logger)
        do {
            try await prepareSchema(client, logger: logger)
            try await store.heartbeat.register()
            try await store.listener.start()
        } catch {
            await store.shutDown(unregister: false)
            throw JobStoreError("couldn't open the job store \(url): \(error.message)")
        }
        store.heartbeat.start()
        return store
    }

    /// Opens the store named by a `postgres://` URL.
    /// - Throws: `JobStoreError` for a malformed URL, or as `open(url:options:logger:)`.
    public static func open(
        url text: String, options: PostgresJobStoreOptions = PostgresJobStoreOptions(),
        logger: Logger = Logger(label: "tend.jobs.postgres")
    ) async throws(JobStoreError) -> PostgresJobStore {
        let url: PostgresURL
        do {
            url = try PostgresURL(parsing: text)
        } catch {
            throw JobStoreError(error.message)
        }
        return try await open(url: url, options: options, logger: logger)
    }

    /// Stops the heartbeat and the listener, removes this node from the nodes table (peers then take over any job
    /// it still had running), and closes the connections; subscriptions end.
    public func close() async {
        await shutDown(unregister: true)
    }

    /// Stops the heartbeat and the listener without telling the database, as a crashed node would: peers see
    /// this node lapse after `nodeLapse`. For tests of node loss.
    public func abandon() async {
        await shutDown(unregister: false)
    }

    private func shutDown(unregister: Bool) async {
        await heartbeat.stop()
        await listener.stop()
        await submitter.close()
        if unregister { await heartbeat.unregister() }
        clientTask.cancel()
        await clientTask.value
        events.finish()
    }

    public func subscribe() -> AsyncStream<JobStoreEvent> { events.subscribe() }

    /// Runs `body` with the pool, turning its errors into a `JobStoreError` that says what failed.
    ///
    /// A connection the server closed while it sat in the pool (a server restart) fails its next statement
    /// before the statement runs; `body` is then run again, as long as the pool hands out such dead connections
    /// (at most once per pooled connection), when `retry` allows it (every statement of this store is safe to
    /// repeat except a claim, whose repeat could claim twice).
    @discardableResult
    func perform<T: Sendable>(
        _ what: String, retry: Bool = true, _ body: (PostgresClient) async throws -> T
    ) async throws(JobStoreError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body(client)
            } catch let error as JobStoreError {
                throw error
            } catch {
                if retry, attempt <= options.maximumConnections, PostgresErrorText.isLostConnection(error) { continue }
                throw JobStoreError("\(what): \(PostgresErrorText.describe(error))")
            }
        }
    }

    /// The payload prefix of this store's notifications of `kind`.
    func prefix(_ kind: Character) -> String { StoreNotification.prefix(origin: origin, kind: kind) }
}
