import Logging
import ServiceLifecycle
import TendConfig
import TendPlatform
import TendServer
import TendSupervisor

extension Daemon {
    /// Runs the service group until it has shut down, then removes the pidfile and the socket.
    /// - Returns: 0 after a clean shutdown, 1 when the control server could not bind (nothing was started then).
    func serve(configuration: Configuration, options: DaemonOptions, sink: DaemonLogSink) async -> Int32 {
        DaemonProcess.ignoreBrokenPipes()
        let (reloadRequests, reloads) = AsyncStream<Void>.makeStream()
        let handled: [SignalName] = [.term, .interrupt, .quit, .hangup, .user2]
        do {
            try DaemonProcess.handleSignals(handled) { [self] signal in
                switch signal {
                case .hangup: reloads.yield()
                case .user2:
                    sink.reopen()
                    Task { await supervisor.reopenLogs() }
                default: requestShutdown()
                }
            }
        } catch {
            logger.error("\(error): tend stops only through its API (tend shutdown)")
        }
        logger.info("tend started with pid \(pid)")
        await supervisor.activate()

        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let server = ControlServerService(
            server: ControlServer(
                control: self, unixSocket: configuration.unixServer, inet: configuration.inetServer, logger: logger),
            onReady: { readyContinuation.yield() })
        let supervising = SupervisorService(
            supervisor: supervisor, ready: ready,
            onReady: {
                if options.isDetachedChild {
                    DaemonProcess.writeStandardOutput(Detacher.readyLine + "\n")
                    DaemonProcess.detachStandardStreams()
                }
            },
            afterStart: { DaemonProcess.releaseStartupMemory() },
            reloadRequests: reloadRequests,
            reload: { [self] in
                do { try await reload() } catch { logger.error("reload failed, keeping the running config:\n\(error)") }
            },
            logger: logger)
        // Graceful shutdown runs in reverse order: ncolony's watcher first (nothing restarts during the stop), the
        // supervisor, then the job queue, the server last.
        var members: [any Service] = [server]
        if let queue = jobQueue.withLock({ $0 }) { members.append(queue) }
        members.append(supervising)
        if let settings = configuration.ncolony {
            members.append(
                NcolonyService(
                    settings: settings, supervisor: supervisor,
                    applyDirectory: { [self] in await applyNcolonyDirectory() },
                    logger: logger))
        }
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: members.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, logger: quiet))
        services.withLock { $0 = group }
        var exitCode: Int32 = 0
        do {
            try await group.run()
        } catch {
            logger.critical("stopping: \(Self.reason(error))")
            DaemonProcess.writeStandardError("tend: \(Self.reason(error))\n")
            exitCode = 1
        }
        readyContinuation.finish()
        reloads.finish()
        DaemonProcess.remove(configuration.daemon.pidfile)
        if let socket = configuration.unixServer?.file { DaemonProcess.remove(socket) }
        logger.info("tend stopped")
        return exitCode
    }

    /// The error a service threw, without ServiceGroup's wrapping.
    private static func reason(_ error: any Error) -> String {
        if let failure = error as? ControlServerError { return "\(failure)" }
        return "\(error)"
    }
}
