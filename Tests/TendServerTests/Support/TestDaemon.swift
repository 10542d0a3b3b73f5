import Foundation
import Synchronization
import TendAPI
import TendConfig
import TendDaemon
import TendServer
import TendSupervisor

/// A `DaemonControl` double around a real supervisor, for the JSON API and the XML-RPC tests alike: the config
/// "file" is what the test puts in `nextConfiguration` (read by reread, update and reload), and reloads and
/// shutdown requests are counted, each also announced on a stream so a test can wait for it.
final class TestDaemon: DaemonControl {
    let supervisor: Supervisor
    let pid: Int32
    let configPath: String
    let logfile: String?
    let nextConfiguration: Mutex<Result<Configuration, ConfigError>>
    let shutdownRequests = Mutex(0)
    let reloads = Mutex(0)
    /// One element after each reload.
    let reloaded: AsyncStream<Void>
    /// One element after each shutdown request.
    let shutdownRequested: AsyncStream<Void>
    private let reloadedSink: AsyncStream<Void>.Continuation
    private let shutdownRequestedSink: AsyncStream<Void>.Continuation

    /// - Parameters:
    ///   - pid: the pid the daemon reports (this test process's own unless told otherwise).
    ///   - logfile: the daemon's log file, for `/mainlogtail` and `readLog` (none unless given).
    init(supervisor: Supervisor, configuration: Configuration, pid: Int32 = getpid(), logfile: String? = nil) {
        self.supervisor = supervisor
        self.pid = pid
        configPath = configuration.path
        self.logfile = logfile
        nextConfiguration = Mutex(.success(configuration))
        (reloaded, reloadedSink) = AsyncStream<Void>.makeStream()
        (shutdownRequested, shutdownRequestedSink) = AsyncStream<Void>.makeStream()
    }

    private func loadNext() throws(ConfigError) -> Configuration {
        try nextConfiguration.withLock { $0 }.get()
    }

    func loadConfiguration() async throws(ConfigError) -> Configuration {
        try loadNext()
    }

    func reread() async throws(ConfigError) -> ConfigChanges {
        await supervisor.changes(to: try loadNext())
    }

    func update(only: [String]?) async throws(ConfigError) -> [UpdateResult] {
        await supervisor.update(to: try loadNext(), only: only)
    }

    func reload() async throws(ConfigError) {
        let configuration = try loadNext()
        try? await supervisor.reload(configuration)
        reloads.withLock { $0 += 1 }
        reloadedSink.yield()
    }

    func requestShutdown() {
        shutdownRequests.withLock { $0 += 1 }
        shutdownRequestedSink.yield()
    }
}
