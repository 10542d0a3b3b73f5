import NIOCore
import NIOHTTP1
import NIOPosix
import TendPlatform

/// Opens HTTP/1.1 client connections to the daemon.
struct HTTPConnector {
    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    let endpoint: Endpoint
    let timeout: Duration

    /// Connects, failing within `timeout`.
    /// - Throws: `ClientError(.unreachable)` with the system's reason and what to do.
    func connect() async throws(ClientError) -> Connection {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(max(milliseconds, 1)))
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        do {
            switch endpoint {
            case .unix(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer)
            case .tcp(let host, let port):
                return try await bootstrap.connect(host: host, port: port, channelInitializer: initializer)
            }
        } catch {
            let (reason, isDown) = Self.explain(error, timeout: timeout)
            let hint = isDown ? " (is it running? start it with 'tend up')" : ""
            throw ClientError(.unreachable, "can't reach the daemon at \(endpoint): \(reason)\(hint)")
        }
    }

    /// The system's words for a NIO error, e.g. `No such file or directory`.
    static func reason(_ error: any Error) -> String {
        explain(error, timeout: .seconds(2)).reason
    }

    /// The reason, and whether it means nothing listens there.
    static func explain(_ error: any Error, timeout: Duration) -> (reason: String, isDown: Bool) {
        switch error {
        case let error as IOError:
            let system = SystemError("connect", code: error.errnoCode)
            return (system.reason, system.meansNothingListens)
        case ChannelError.connectTimeout:
            return ("no connection within \(timeout)", true)
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return explain(first.error, timeout: timeout) }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return ("can't resolve the host name '\(error.host)'", false)
            }
            return ("\(error)", false)
        case SocketAddressError.unixDomainSocketPathTooLong:
            return ("the socket path is too long", false)
        default:
            return ("\(error)", false)
        }
    }
}
