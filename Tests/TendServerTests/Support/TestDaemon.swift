import Foundation
import Synchronization
import TendConfig
import TendServer
import TendSupervisor
import TendAPI

/// A `DaemonControl` around a real supervisor, whose next config (for reread/update/reload) the test sets.
final class TestDaemon: DaemonControl {
    let supervisor: Supervisor
    let pid: Int32 = getpid()
    let configPath: String
    let logfile: String? = nil
    let nextConfiguration: Mutex<Result<Configuration, ConfigError>>
    let shutdownRequests = Mutex(0)
    let reloads = Mutex(0)

    init(supervisor: Supervisor, configuration: Configuration) {
        self.supervisor = supervisor
        configPath = configuration.path
        nextConfiguration = Mutex(.success(configuration))
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
    }

    func requestShutdown() {
        shutdownRequests.withLock { $0 += 1 }
    }
}
