import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import TendConfig
import TendPlatform

/// The daemon's control plane: HTTP/1.1 on the unix socket of `[unix_http_server]` and, when configured,
/// on the TCP address of `[inet_http_server]`, each with basic auth when it has credentials.
///
/// Requests are served by one router (see `ControlRoutes`). The server is built directly on
/// HummingbirdCore rather than Hummingbird's `Application`, so nothing in it runs on a timer: an idle
/// daemon does not wake up.
public struct ControlServer: Sendable {
    let control: any DaemonControl
    let unixSocket: UnixServerSettings?
    let inet: InetServerSettings?
    let logger: Logger

    /// Creates the server; nothing is bound until `run`.
    /// - Parameters:
    ///   - control: the daemon the requests act on.
    ///   - unixSocket: `[unix_http_server]`, or `nil` for no unix listener.
    ///   - inet: `[inet_http_server]`, or `nil` for no TCP listener.
    ///   - logger: where request failures are logged.
    public init(control: any DaemonControl, unixSocket: UnixServerSettings?, inet: InetServerSettings?, logger: Logger)
    {
        self.control = control
        self.unixSocket = unixSocket
        self.inet = inet
        self.logger = logger
    }

    /// Binds every listener and serves requests until the task running it is cancelled.
    ///
    /// A stale socket file at the unix path is replaced; the socket gets its configured mode (and owner,
    /// when running as root) right after bind. Once every listener is bound, `onReady` is called once;
    /// it should return promptly, since the last listener starts accepting connections when it returns.
    /// With no listener configured, `onReady` is called at once and `run` waits for cancellation.
    ///
    /// Cancellation is the way to stop the server, and it stops gracefully: the listeners close at
    /// once, idle connections close, requests in progress get their answer, log follows end; after
    /// `gracePeriod`, whatever is left is cancelled. `run` then returns normally.
    /// - Throws: `ControlServerError` when a listener cannot be bound (nothing is served then).
    public func run(onReady: @escaping @Sendable () async -> Void) async throws {
        var listeners: [ControlListener] = []
        if let unixSocket { listeners.append(try ControlListener.unix(unixSocket)) }
        if let inet { listeners.append(ControlListener.inet(inet)) }
        guard !listeners.isEmpty else {
            logger.warning("no [unix_http_server] or [inet_http_server] section: the daemon cannot be controlled")
            await onReady()
            await Self.waitForCancellation()
            return
        }
        let responder = ControlRoutes.makeRouter(control: control, logger: logger).buildResponder()
        let readiness = Readiness(listeners: listeners.count, onReady: onReady)
        var quietLogger = logger
        quietLogger.logLevel = max(logger.logLevel, .notice)
        let services = try listeners.map { listener in
            let server = try listener.makeServer(responder: responder, logger: logger) {
                await readiness.listenerBound()
            }
            return ServiceGroupConfiguration.ServiceConfiguration(
                service: ListenerService(server: server, url: listener.url))
        }
        var configuration = ServiceGroupConfiguration(services: services, logger: quietLogger)
        configuration.maximumGracefulShutdownDuration = Self.gracePeriod
        let group = ServiceGroup(configuration: configuration)
        // The group runs in its own task so that cancelling ours turns into a graceful shutdown of it,
        // rather than cancelling every connection mid-answer.
        let running = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// How long a stop waits for requests in progress before cancelling them.
    public static let gracePeriod: Duration = .seconds(5)

    /// Suspends until the current task is cancelled, without waking up before.
    static func waitForCancellation() async {
        let (never, continuation) = AsyncStream<Void>.makeStream()
        for await _ in never {}
        continuation.finish()
    }

    /// The system's words for why a listener failed: `Address already in use` for NIO's `IOError`,
    /// whose description ends in `(errno: 98)`; else the error's own description.
    static func systemReason(_ error: any Error) -> String {
        let text = "\(error)"
        if let marker = text.ranges(of: "(errno: ").last,
            let code = Int32(text[marker.upperBound...].prefix { $0.isNumber })
        {
            return SystemError.message(for: code)
        }
        return text
    }
}
