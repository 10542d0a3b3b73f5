import Logging
import Synchronization
import TendConfig
import TendJobs
import TendSupervisor
import TendPlatform
import TendAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The running daemon: loads the config, cleans up after a predecessor that died, writes its pidfile,
/// starts the supervisor and the control server, and stops everything on `shutdown`, SIGTERM or SIGINT.
/// SIGHUP reloads the config, SIGUSR2 reopens the log files, as supervisord does. With `[task:x]` sections (or a
/// shared `job_store`) it also runs the job queue (`JobSystem`).
public final class Daemon: DaemonControl {
    public let supervisor: Supervisor
    public let pid: Int32
    public let configPath: String
    public let logfile: String?
    private let loader: ConfigLoader
    private let logger: Logger
    private let requests: AsyncStream<Request>.Continuation
    private let requestStream: AsyncStream<Request>
    private let jobSystem: Mutex<JobSystem?>
    private let jobStoreOpener: JobStoreOpener

    enum Request: Sendable, Equatable {
        case shutdown, reload
    }

    private init(
        supervisor: Supervisor, jobSystem: JobSystem?, jobStoreOpener: @escaping JobStoreOpener, configPath: String,
        logfile: String?, loader: ConfigLoader, logger: Logger
    ) {
        self.supervisor = supervisor
        self.jobSystem = Mutex(jobSystem)
        self.jobStoreOpener = jobStoreOpener
        self.pid = DaemonProcess.pid
        self.configPath = configPath
        self.logfile = logfile
        self.loader = loader
        self.logger = logger
        (requestStream, requests) = AsyncStream<Request>.makeStream()
    }

    /// Runs `tend up`: returns the process exit status (0 after a clean shutdown).
    public static func run(configPath: String, options: DaemonOptions) async -> Int32 {
        let loader = ConfigLoader()
        let configuration: Configuration
        do {
            configuration = try loader.load(path: configPath)
        } catch {
            DaemonProcess.writeStandardError(error.diagnostics.map { "\($0)\n" }.joined())
            return 1
        }
        let backgroundByConfig = configuration.daemon.nodaemonIsExplicit && !configuration.daemon.nodaemon
        if (options.detach || backgroundByConfig) && !options.isDetachedChild {
            var arguments = ["up", "-c", configPath, "--detached-child"]
            if options.skipCleanup { arguments.append("--skip-cleanup") }
            if options.disableScheduler { arguments.append("--disable-scheduler") }
            return Detacher.detach(arguments: arguments)
        }
        do {
            return try await start(configuration, configPath: configPath, loader: loader, options: options)
        } catch {
            DaemonProcess.writeStandardError("tend: \(error)\n")
            return 1
        }
    }

    private static func start(
        _ configuration: Configuration, configPath: String, loader: ConfigLoader, options: DaemonOptions
    ) async throws -> Int32 {
        let settings = configuration.daemon
        if let socket = configuration.unixServer?.file, UnixSocketProbe.isListening(socket) {
            let running = DaemonFiles.livePID(pidfile: settings.pidfile).map { " (pid \($0))" } ?? ""
            throw DaemonError("another daemon is already listening on \(socket)\(running); stop it with 'tend down' first")
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

        let recordsPath = DaemonFiles.childRecords(for: configuration)
        if options.skipCleanup {
            logger.info("skipping clean-up of processes left by a previous daemon (--skip-cleanup)")
        } else {
            let ended = DaemonFiles.allRecords(for: configuration).flatMap { OrphanCleaner.clean(recordsPath: $0) }
            if !ended.isEmpty {
                let list = ended.map { "\($0.name) (pid \($0.pid))" }.joined(separator: ", ")
                logger.warning("ended \(ended.count) processes left by a previous daemon: \(list)")
            }
        }
        do { try DaemonProcess.writePidfile(settings.pidfile) } catch { throw DaemonError(error.message) }
        if let directory = settings.directory {
            do { try DaemonProcess.changeDirectory(directory) } catch { throw DaemonError(error.message) }
        }
        let supervisor = try Supervisor(
            configuration: configuration,
            options: SupervisorOptions(
                environment: DaemonProcess.environment, serverURL: serverURL(for: configuration),
                childRecordsPath: recordsPath),
            logger: logger)
        var jobSystem: JobSystem?
        if JobSystem.isWanted(by: configuration) {
            do {
                jobSystem = try await JobSystem.start(
                    configuration: configuration, opener: options.jobStoreOpener,
                    environment: DaemonProcess.environment, hostName: loader.hostName, logger: logger)
            } catch {
                DaemonProcess.remove(settings.pidfile)
                throw error
            }
        }
        let daemon = Daemon(
            supervisor: supervisor, jobSystem: jobSystem, jobStoreOpener: options.jobStoreOpener, configPath: configPath,
            logfile: settings.logfile, loader: loader, logger: logger)
        return await daemon.serve(configuration: configuration, options: options, sink: sink)
    }

    /// SUPERVISOR_SERVER_URL as supervisord derives it: the unix socket, else the TCP listener.
    static func serverURL(for configuration: Configuration) -> String? {
        if let socket = configuration.unixServer?.file { return "unix://" + socket }
        if let inet = configuration.inetServer { return "http://\(inet.host):\(inet.port)" }
        return nil
    }

    private func serve(configuration: Configuration, options: DaemonOptions, sink: DaemonLogSink) async -> Int32 {
        DaemonProcess.ignoreBrokenPipes()
        let signals = DaemonProcess.handleSignals([SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR2]) { [self] number in
            switch number {
            case SIGHUP: requests.yield(.reload)
            case SIGUSR2:
                sink.reopen()
                Task { await supervisor.reopenLogs() }
            default: requests.yield(.shutdown)
            }
        }
        defer { _ = signals }
        logger.info("tend started with pid \(pid)")
        await supervisor.activate()
        let server = ControlServer(
            control: self, unixSocket: configuration.unixServer, inet: configuration.inetServer, logger: logger)
        let exitCode: Int32 = await withTaskGroup(of: Int32.self) { group in
            let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
            group.addTask { [logger] in
                defer { readyContinuation.finish() }
                do {
                    try await server.run { readyContinuation.yield() }
                    return 0
                } catch {
                    logger.critical("control server failed: \(error)")
                    DaemonProcess.writeStandardError("tend: \(error)\n")
                    return 1
                }
            }
            var iterator = ready.makeAsyncIterator()
            guard await iterator.next() != nil else {
                // The server could not bind: no program was started; the job queue only recovered.
                await currentJobSystem?.stop()
                return await group.next() ?? 1
            }
            if options.isDetachedChild {
                DaemonProcess.writeStandardOutput(Detacher.readyLine + "\n")
                DaemonProcess.detachStandardStreams()
            }
            await supervisor.startAutostartPrograms()
            DaemonProcess.releaseStartupMemory()
            for await request in requestStream {
                if request == .shutdown { break }
                do { try await reload() } catch { logger.error("reload failed, keeping the running config:\n\(error)") }
            }
            logger.info("received shutdown request, stopping all processes")
            await supervisor.shutdown()
            await currentJobSystem?.stop()
            group.cancelAll()
            return await group.next() ?? 0
        }
        DaemonProcess.remove(configuration.daemon.pidfile)
        if let socket = configuration.unixServer?.file { DaemonProcess.remove(socket) }
        logger.info("tend stopped")
        return exitCode
    }

    // MARK: DaemonControl

    public func reread() async throws(ConfigError) -> ConfigChanges {
        let configuration = try loader.load(path: configPath)
        return await supervisor.changes(to: configuration)
    }

    public func update(only: [String]?) async throws(ConfigError) -> [UpdateResult] {
        let configuration = try loader.load(path: configPath)
        await applyJobSettings(of: configuration)
        return await supervisor.update(to: configuration, only: only)
    }

    public func reload() async throws(ConfigError) {
        let configuration = try loader.load(path: configPath)
        logger.info("reloading configuration from \(configPath)")
        await applyJobSettings(of: configuration)
        do {
            try await supervisor.reload(configuration)
        } catch {
            logger.error("reload failed: \(error)")
        }
    }

    public func requestShutdown() {
        requests.yield(.shutdown)
    }

    public var jobs: JobService? { currentJobSystem?.service }

    private var currentJobSystem: JobSystem? { jobSystem.withLock { $0 } }

    /// Gives the job queue the tasks of a reloaded config, starting the queue when the config now wants one.
    /// A changed `job_store` or `node_name` takes a restart of the daemon.
    private func applyJobSettings(of configuration: Configuration) async {
        do throws(DaemonError) {
            if let system = currentJobSystem {
                try await system.update(tasks: configuration.tasks)
                let node = JobSystem.nodeName(for: configuration, hostName: loader.hostName)
                if node != system.node { logger.warning("node_name changed to \(node): restart the daemon to use it") }
            } else if JobSystem.isWanted(by: configuration) {
                let system = try await JobSystem.start(
                    configuration: configuration, opener: jobStoreOpener, environment: DaemonProcess.environment,
                    hostName: loader.hostName, logger: logger)
                jobSystem.withLock { $0 = system }
            }
        } catch {
            logger.error("job queue: \(error)")
        }
    }
}

extension LogLevel {
    /// The swift-log level that shows the same lines.
    var swiftLogLevel: Logger.Level {
        switch self {
        case .critical: .critical
        case .error: .error
        case .warn: .warning
        case .info: .info
        case .debug: .debug
        case .trace, .blather: .trace
        }
    }
}
