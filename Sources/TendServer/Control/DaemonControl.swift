import Prometheus
import TendAPI
import TendConfig
import TendJobs

/// What the control plane asks of the daemon beyond the processes themselves (`ProcessControl`): operations that
/// reread the config file or end the daemon. Implemented by `Daemon`; tests may supply their own.
public protocol DaemonControl: Sendable {
    /// What owns the processes: the daemon's `Supervisor`, or a test's own.
    associatedtype Processes: ProcessControl
    /// What owns the processes; every route reaches them through it.
    var supervisor: Processes { get }
    /// The daemon's pid.
    var pid: Int32 { get }
    /// The config file in use.
    var configPath: String { get }
    /// The daemon's log file, if any (for `/mainlogtail` and `readLog`).
    var logfile: String? { get }
    /// Loads the config file as the daemon does (its loader, its host name, its environment); changes nothing.
    /// Every reread, update and reload, whichever front end asks, reads the file through this.
    /// - Throws: `ConfigError` with every `file:line:` error when the file does not load.
    func loadConfiguration() async throws(ConfigError) -> Configuration
    /// Applies the job-queue part of `configuration` (`[task:x]` sections; starts the queue when the config now
    /// has one), as `update` does. supervisord's `reloadConfig` calls it, since supervisorctl's `update` has no
    /// other way to reach tasks.
    func applyJobSettings(of configuration: Configuration) async
    /// Loads the config file again and reports what `update` would change; changes nothing.
    /// - Throws: `ConfigError` with every `file:line:` error when the file does not load.
    func reread() async throws(ConfigError) -> ConfigChanges
    /// Loads the config file and applies its differences (`only`: just these groups).
    /// - Throws: `ConfigError` when the file does not load; then nothing changes.
    func update(only: [String]?) async throws(ConfigError) -> [UpdateResult]
    /// Stops everything, loads the config file again and starts over in the same process.
    /// - Throws: `ConfigError` when the file does not load; then nothing changes.
    func reload() async throws(ConfigError)
    /// Asks the daemon to stop every process and exit. Returns at once; the stop happens after.
    func requestShutdown()
    /// The job API, when the config has a job queue (`[task:x]` sections or a shared `job_store`).
    var jobs: JobService? { get }
    /// The counters and histograms the daemon records as things happen, for `/metrics`; `nil` shows only the
    /// scrape-time figures.
    var metricsRegistry: PrometheusCollectorRegistry? { get }
}

extension DaemonControl {
    /// No job queue.
    public var jobs: JobService? { nil }

    /// No recorded metrics: `/metrics` shows the scrape-time figures only.
    public var metricsRegistry: PrometheusCollectorRegistry? { nil }

    /// No job queue to apply settings to.
    public func applyJobSettings(of configuration: Configuration) async {}
}
