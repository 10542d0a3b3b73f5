import Logging
import Prometheus
import ServiceLifecycle
import Synchronization
import TendAPI
import TendConfig
import TendJobs
import TendPlatform
import TendServer
import TendSupervisor

/// The running daemon: a group of services with one shutdown path — the control server, the job queue (when the
/// config has one) and the supervisor — assembled by `run(configPath:options:)` (see `Daemon+Bootstrap`).
///
/// It is also the `DaemonControl` the control server's routes act on: every reread, update and reload, from the
/// CLI, supervisorctl or SIGHUP, reads the config file through its one loader and runs one at a time.
/// `SIGTERM`, `SIGINT`, `SIGQUIT`, `tend down` and supervisorctl's `shutdown` all trigger the group's graceful
/// shutdown: the supervisor stops every process, then the job queue hands back its running jobs and closes its
/// store, then the control server stops listening.
public final class Daemon: DaemonControl {
    public let supervisor: Supervisor
    public let pid: Int32
    public let configPath: String
    public let logfile: String?
    let loader: ConfigLoader
    let logger: Logger
    let jobStoreOpener: JobStoreOpener
    let jobQueue: Mutex<JobQueue?>
    let services = Mutex<ServiceGroup?>(nil)
    let operations = SerialOperations()
    /// What `/metrics` shows besides the scrape-time figures: the counters and histograms that the supervisor and the
    /// job queue record through swift-metrics (`metricsFactory`).
    public let metricsRegistry: PrometheusCollectorRegistry?
    let metricsFactory: PrometheusMetricsFactory
    /// The ncolony file problems logged already (each is logged when it first appears).
    let ncolonyProblems = Mutex<Set<ConfigDiagnostic>>([])

    init(
        supervisor: Supervisor, jobQueue: JobQueue?, jobStoreOpener: @escaping JobStoreOpener, configPath: String,
        logfile: String?, loader: ConfigLoader, logger: Logger, metricsFactory: PrometheusMetricsFactory
    ) {
        self.supervisor = supervisor
        self.metricsFactory = metricsFactory
        self.metricsRegistry = metricsFactory.registry
        self.jobQueue = Mutex(jobQueue)
        self.jobStoreOpener = jobStoreOpener
        self.pid = DaemonProcess.pid
        self.configPath = configPath
        self.logfile = logfile
        self.loader = loader
        self.logger = logger
    }

    /// The job API, when the config has a job queue (`[task:x]` sections or a shared `job_store`).
    public var jobs: JobService? { jobQueue.withLock { $0 }?.service }

    /// Asks the service group to shut down gracefully. Returns at once; the stop happens after.
    public func requestShutdown() {
        guard let group = services.withLock({ $0 }) else { return }
        Task { await group.triggerGracefulShutdown() }
    }

    /// SUPERVISOR_SERVER_URL as supervisord derives it: the unix socket, else the TCP listener.
    static func serverURL(for configuration: Configuration) -> String? {
        if let socket = configuration.unixServer?.file { return "unix://" + socket }
        if let inet = configuration.inetServer { return "http://\(inet.host):\(inet.port)" }
        return nil
    }
}
