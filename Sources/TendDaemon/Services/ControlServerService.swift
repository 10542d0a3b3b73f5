import ServiceLifecycle
import TendServer

/// The control server (unix socket and TCP listeners) as a service of the daemon's group: it serves until the
/// group's graceful shutdown reaches it, which it does last, after every process and job has stopped, so that
/// clients see the stop through to the end.
struct ControlServerService: Service, CustomStringConvertible {
    let server: ControlServer
    /// Called once every listener is bound.
    let onReady: @Sendable () async -> Void

    /// - Throws: `ControlServerError` when a listener cannot be bound; the group is then cancelled.
    func run() async throws {
        let server = server
        let onReady = onReady
        try await cancelWhenGracefulShutdown { try await server.run(onReady: onReady) }
    }

    var description: String { "control server" }
}
