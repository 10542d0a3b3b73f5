import Logging
import Prometheus
import ServiceLifecycle
import TendConfig
import TendJobs
import TendPlatform
import TendServer
import TendSupervisor

extension Daemon {
    /// Runs `tend up`: returns the process exit status (0 after a clean shutdown).
    ///
    /// Loads the config, cleans up after a predecessor that died, writes its pidfile, opens the job store, then
    /// runs the service group until it shuts down. A config that does not load, a second daemon on the same
    /// socket, or a job store that cannot be opened stops it before anything starts, with the reason on stderr.
    /// - Parameter configPath: the config file, or `""` for ncolony mode without one (`ConfigLoader.loadStandalone`).
    public static func run(configPath: String, options: DaemonOptions) async -> Int32 {
        var loader = ConfigLoader()
        loader.ncolony = options.ncolony
        let configuration: Configuration
        do {
            configuration = configPath.isEmpty ? try loader.loadStandalone() : try loader.load(path: configPath)
        } catch {
            DaemonProcess.writeStandardError(error.diagnostics.map { "\($0)\n" }.joined())
            return 1
        }
        let backgroundByConfig = configuration.daemon.nodaemonIsExplicit && !configuration.daemon.nodaemon
        if (options.detach || backgroundByConfig) && !options.isDetachedChild {
            var arguments = (configPath.isEmpty ? ["up"] : ["up", "-c", configPath]) + ["--detached-child"]
            if options.skipCleanup { arguments.append("--skip-cleanup") }
            if options.disableScheduler { arguments.append("--disable-scheduler") }
            arguments += options.ncolony.arguments
            return Detacher.detach(arguments: arguments)
        }
        do {
            let (daemon, sink) = try await start(
                configuration, configPath: configPath, loader: loader, options: options)
            return await daemon.serve(configuration: configuration, options: options, sink: sink)
        } catch {
            DaemonProcess.writeStandardError("tend: \(error)\n")
            return 1
        }
    }

    /// Everything before serving: the process settings, the log, the clean-up, the pidfile, the supervisor and
    /// the job queue.
    private static func start(
        _ configuration: Configuration, configPath: String, loader: ConfigLoader, options: DaemonOptions
    ) async throws -> (Daemon, DaemonLogSink) {
        let settings = configuration.daemon
        if let socket = configuration.unixServer?.file, UnixSocketProbe.isListening(socket) {
            let running = DaemonFiles.livePID(pidfile: settings.pidfile).map { " (pid \($0))" } ?? ""
            throw DaemonError(
                "another daemon is already listening on \(socket)\(running); stop it with 'tend down' first")
        }
        if let user = settings.user, let problem = DaemonProcess.switchUser(to: user) {
            throw DaemonError("cannot run as user '\(user)' ([supervisord] user): \(problem)")
        }
        DaemonProcess.setUmask(settings.umask)
        let sink: DaemonLogSink
        do {
            sink = try DaemonLogSink(
                path: settings.logfile, maxBytes: settings.logfileMaxBytes, backups: settings.logfileBackups,
                echoToStandardOutput: !options.isDetachedChild && !settings.silent)
        } catch {
            throw DaemonError("\(error)")
        }
        var logger = Logger(label: "tend") { _ in DaemonLogHandler(sink: sink, level: settings.loglevel.swiftLogLevel) }
        logger.logLevel = settings.loglevel.swiftLogLevel
        for warning in configuration.warnings { logger.warning("\(warning)") }
        for (limit, minimum) in [(DaemonProcess.Limit.openFiles, settings.minfds), (.processes, settings.minprocs)] {
            if let message = DaemonProcess.raise(limit, to: minimum) { logger.warning("\(message)") }
        }
        cleanUp(after: configuration, options: options, logger: logger)
        do { try DaemonProcess.writePidfile(settings.pidfile) } catch { throw DaemonError(error.message) }
        if let directory = settings.directory {
            do { try DaemonProcess.changeDirectory(directory) } catch { throw DaemonError(error.message) }
        }
        let metricsFactory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        var supervisorOptions = SupervisorOptions(
            environment: DaemonProcess.environment, serverURL: serverURL(for: configuration),
            childRecordsPath: DaemonFiles.childRecords(for: configuration),
            schedulerEnabled: !options.disableScheduler, tickRecordsPath: DaemonFiles.tickRecords(for: configuration))
        supervisorOptions.metrics = metricsFactory
        let supervisor = try Supervisor(configuration: configuration, options: supervisorOptions, logger: logger)
        var jobQueue: JobQueue?
        if JobQueueStarter.isWanted(by: configuration) {
            do {
                jobQueue = try await JobQueueStarter.open(
                    configuration: configuration, opener: options.jobStoreOpener,
                    environment: DaemonProcess.environment, hostName: loader.hostName, logger: logger,
                    metrics: JobMetrics(factory: metricsFactory))
            } catch {
                DaemonProcess.remove(settings.pidfile)
                throw error
            }
        }
        let daemon = Daemon(
            supervisor: supervisor, jobQueue: jobQueue, jobStoreOpener: options.jobStoreOpener, configPath: configPath,
            logfile: settings.logfile, loader: loader, logger: logger, metricsFactory: metricsFactory)
        return (daemon, sink)
    }

    /// Ends the processes a previous daemon that died left behind (unless `--skip-cleanup`).
    private static func cleanUp(after configuration: Configuration, options: DaemonOptions, logger: Logger) {
        guard !options.skipCleanup else {
            logger.info("skipping clean-up of processes left by a previous daemon (--skip-cleanup)")
            return
        }
        let ended = DaemonFiles.allRecords(for: configuration).flatMap { OrphanCleaner.clean(recordsPath: $0) }
        if !ended.isEmpty {
            let list = ended.map { "\($0.name) (pid \($0.pid))" }.joined(separator: ", ")
            logger.warning("ended \(ended.count) processes left by a previous daemon: \(list)")
        }
    }
}
