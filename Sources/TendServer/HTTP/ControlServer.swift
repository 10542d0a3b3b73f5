import Hummingbird
import HummingbirdCore
import Logging
import TendConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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
    public init(control: any DaemonControl, unixSocket: UnixServerSettings?, inet: InetServerSettings?, logger: Logger) {
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
    /// Cancellation is the way to stop the server: the listeners close, and every open connection,
    /// including a log follow, ends. `run` then returns normally.
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
        let logger = logger
        try await withThrowingDiscardingTaskGroup { group in
            for listener in listeners {
                let server = try listener.makeServer(responder: responder, logger: logger) {
                    await readiness.listenerBound()
                }
                group.addTask {
                    do {
                        try await server.run()
                    } catch {
                        if Task.isCancelled { return }
                        throw ControlServerError(listener: listener.url, reason: Self.systemReason(error))
                    }
                }
            }
        }
    }

    /// Suspends until the current task is cancelled, without waking up before.
    static func waitForCancellation() async {
        let (never, _) = AsyncStream<Void>.makeStream()
        for await _ in never {}
    }

    /// The system's words for why a listener failed: `Address already in use` for NIO's `IOError`
    /// (found by its `errnoCode`, without importing NIO), else the error's own description.
    static func systemReason(_ error: any Error) -> String {
        if let code = Mirror(reflecting: error).children.first(where: { $0.label == "errnoCode" })?.value as? Int32 {
            return String(cString: strerror(code))
        }
        return "\(error)"
    }
}
