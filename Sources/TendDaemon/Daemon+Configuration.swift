import TendAPI
import TendConfig
import TendJobs
import TendPlatform

extension Daemon {
    public func loadConfiguration() async throws(ConfigError) -> Configuration {
        configPath.isEmpty ? try loader.loadStandalone() : try loader.load(path: configPath)
    }

    public func reread() async throws(ConfigError) -> ConfigChanges {
        let result = await operations.run { [self] () async -> Result<ConfigChanges, ConfigError> in
            do throws(ConfigError) {
                let configuration = try await loadConfiguration()
                return .success(await supervisor.changes(to: configuration))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public func update(only: [String]?) async throws(ConfigError) -> [UpdateResult] {
        let result = await operations.run { [self] () async -> Result<[UpdateResult], ConfigError> in
            do throws(ConfigError) {
                let configuration = try await loadConfiguration()
                await applyJobSettingsNow(of: configuration)
                return .success(await supervisor.update(to: configuration, only: only))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public func reload() async throws(ConfigError) {
        let result = await operations.run { [self] () async -> Result<Void, ConfigError> in
            do throws(ConfigError) {
                let configuration = try await loadConfiguration()
                logger.info("reloading configuration from \(configPath)")
                await applyJobSettingsNow(of: configuration)
                do {
                    try await supervisor.reload(configuration)
                } catch {
                    logger.error("reload failed: \(error)")
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    public func applyJobSettings(of configuration: Configuration) async {
        await operations.run { [self] in await applyJobSettingsNow(of: configuration) }
    }

    /// Gives the job queue the tasks of a reloaded config, starting the queue when the config now wants one.
    /// A changed `job_store` or `node_name` takes a restart of the daemon. Runs inside `operations` only.
    private func applyJobSettingsNow(of configuration: Configuration) async {
        if let queue = jobQueue.withLock({ $0 }) {
            do {
                try await queue.update(tasks: configuration.tasks)
            } catch {
                logger.error("job queue: the [task:x] sections are inconsistent: \(error.message)")
            }
            let node = JobQueueStarter.nodeName(for: configuration, hostName: loader.hostName)
            if node != queue.node { logger.warning("node_name changed to \(node): restart the daemon to use it") }
            return
        }
        guard JobQueueStarter.isWanted(by: configuration), let group = services.withLock({ $0 }) else { return }
        do {
            let queue = try await JobQueueStarter.open(
                configuration: configuration, opener: jobStoreOpener, environment: DaemonProcess.environment,
                hostName: loader.hostName, logger: logger, metrics: JobMetrics(factory: metricsFactory))
            jobQueue.withLock { $0 = queue }
            await group.addServiceUnlessShutdown(queue)
        } catch {
            logger.error("job queue: \(error)")
        }
    }
}
