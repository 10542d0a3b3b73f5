import Logging
import ServiceLifecycle
import TendSupervisor

/// The supervisor as a service of the daemon's group: once the control server is ready it starts the autostart
/// programs, then applies reload requests (SIGHUP) one at a time until the group's graceful shutdown, which
/// reaches it first: it stops every process (in reverse priority order, as supervisord) and returns.
///
/// Cancelled or shut down before the control server was ready (the server could not bind), it starts nothing.
struct SupervisorService: Service, CustomStringConvertible {
    let supervisor: Supervisor
    /// Yields once the control server serves.
    let ready: AsyncStream<Void>
    /// Runs once ready, before the programs start (the detached daemon reports readiness here).
    let onReady: @Sendable () -> Void
    /// Runs once the autostart programs were started.
    let afterStart: @Sendable () -> Void
    /// SIGHUP: reload the config.
    let reloadRequests: AsyncStream<Void>
    let reload: @Sendable () async -> Void
    let logger: Logger

    func run() async {
        let ready = ready
        let isReady = await cancelWhenGracefulShutdown { await ready.first { _ in true } != nil }
        guard isReady, !Task.isCancelled else { return }
        onReady()
        await supervisor.startAutostartPrograms()
        afterStart()
        let requests = reloadRequests
        let reload = reload
        await cancelWhenGracefulShutdown {
            for await _ in requests { await reload() }
        }
        logger.info("received shutdown request, stopping all processes")
        await supervisor.shutdown()
    }

    var description: String { "supervisor" }
}
