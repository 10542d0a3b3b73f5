import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import TendConfig

/// One address the control server listens on, with the authentication it asks for.
struct ControlListener: Sendable {
    /// Where to bind.
    let address: BindAddress
    /// `unix:///path` or `http://host:port`, for messages.
    let url: String
    /// Basic auth for this listener, or `nil` when it has no credentials.
    let authenticator: BasicAuthenticator?
    /// The socket file of a unix listener, to set its mode and owner after bind.
    let socketFile: SocketFile?

    /// The unix-socket listener of `[unix_http_server]`.
    /// - Throws: `ControlServerError` when the socket path or its owner is unusable.
    static func unix(_ settings: UnixServerSettings) throws(ControlServerError) -> ControlListener {
        ControlListener(
            address: .unixDomainSocket(path: settings.file), url: "unix://" + settings.file,
            authenticator: settings.credentials.map(BasicAuthenticator.init), socketFile: try SocketFile(settings))
    }

    /// The TCP listener of `[inet_http_server]`.
    static func inet(_ settings: InetServerSettings) -> ControlListener {
        ControlListener(
            address: .hostname(settings.host, port: settings.port), url: "http://\(settings.host):\(settings.port)",
            authenticator: settings.credentials.map(BasicAuthenticator.init), socketFile: nil)
    }

    /// Builds the Hummingbird HTTP/1.1 server for this listener (not yet bound).
    /// - Parameter onBound: called once the listener is bound, before it accepts connections.
    func makeServer(
        responder: RouterResponder<ControlRequestContext>, logger: Logger, onBound: @escaping @Sendable () async -> Void
    ) throws -> any Service {
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)
        let authenticator = authenticator
        let socketFile = socketFile
        let url = url
        return try HTTPServerBuilder.http1().buildServer(
            configuration: ServerConfiguration(address: address, serverName: nil),
            eventLoopGroup: EventLoopGroupProvider.singleton.eventLoopGroup,
            logger: serverLogger,
            responder: { request, responseWriter, channel in
                let response: Response
                if let authenticator, !authenticator.authorizes(request.headers[.authorization]) {
                    response = APIError.unauthorized.makeResponse()
                } else if let refusal = SameOriginCheck.refusal(for: request) {
                    response = refusal.makeResponse()
                } else {
                    let context = ControlRequestContext(
                        source: ApplicationRequestContextSource(channel: channel, logger: logger))
                    do {
                        response = try await responder.respond(to: request, context: context)
                    } catch let error as BodyReadError {
                        // A malformed or interrupted request: Hummingbird answers 400 or drops the connection.
                        throw error.underlying
                    } catch {
                        logger.error("control request \(request.method) \(request.uri.path) failed: \(error)")
                        response = APIError(.internalServerError, "\(error)").makeResponse()
                    }
                }
                try await responseWriter.write(response: response.head, body: response.body)
            },
            onServerRunning: { _ in
                if let problem = socketFile?.applyOwnership() {
                    logger.error("control socket \(url): \(problem)")
                }
                await onBound()
            })
    }
}
