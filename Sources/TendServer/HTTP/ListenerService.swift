import ServiceLifecycle

/// Runs one listener's HTTP server as a service of the control server's group, naming the listener
/// in the error when it cannot bind.
struct ListenerService: Service, CustomStringConvertible {
    let server: any Service
    /// `unix:///path` or `http://host:port`.
    let url: String

    func run() async throws {
        do {
            try await server.run()
        } catch {
            throw ControlServerError(listener: url, reason: ControlServer.systemReason(error))
        }
    }

    var description: String { url }
}
