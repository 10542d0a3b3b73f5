import NIOCore
import NIOHTTP1
import NIOPosix
import TendPlatform

/// The `tcp` and `http` probes: a connection with a deadline (`tcp` on the daemon's reactor, `http` with one `GET` on
/// swift-nio's shared event loops). Nothing is kept between runs.
enum NetworkProbe {
    /// Passes when `host:port` accepts a TCP connection within `timeout` seconds: one non-blocking connect on the
    /// daemon's reactor (`TCPConnectCheck`), which cost about a tenth of a swift-nio connection per run.
    static func tcp(host: String, port: Int, timeout: Double) async -> ProbeResult {
        let problem = await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            TCPConnectCheck.run(host: host, port: port, timeout: timeout) { continuation.resume(returning: $0) }
        }
        let target = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        guard let problem else { return ProbeResult(passed: true, output: "connected to \(target)") }
        return ProbeResult(passed: false, output: "connect to \(target): \(problem)")
    }

    /// Passes when `GET path` on `host:port` answers 2xx or 3xx within `timeout` seconds.
    static func http(host: String, port: Int, path: String, timeout: Double) async -> ProbeResult {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let status = loop.makePromise(of: HTTPResponseStatus.self)
        let deadline = loop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            status.fail(ProbeTimeout(seconds: timeout))
        }
        defer { deadline.cancel() }
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(path)"
        do {
            let channel = try await ClientBootstrap(group: loop)
                .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(StatusHandler(status: status))
                    }
                }
                .connect(host: host, port: port).get()
            var headers = HTTPHeaders()
            headers.add(name: "Host", value: port == 80 ? host : "\(host):\(port)")
            headers.add(name: "User-Agent", value: "tend-probe")
            headers.add(name: "Connection", value: "close")
            channel.write(
                HTTPClientRequestPart.head(
                    HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            let answer: HTTPResponseStatus
            do {
                answer = try await status.futureResult.get()
            } catch {
                channel.close(promise: nil)
                throw error
            }
            channel.close(promise: nil)
            let passed = (200..<400).contains(Int(answer.code))
            return ProbeResult(passed: passed, output: "GET \(url): \(answer.code) \(answer.reasonPhrase)")
        } catch {
            status.fail(error)
            return ProbeResult(passed: false, output: "GET \(url): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? ProbeTimeout { return error.description }
        if error is ChannelError, case .connectTimeout = error as! ChannelError {
            return "no answer within the timeout"
        }
        if let error = error as? IOError { return error.description }
        return "\(error)"
    }

    /// Completes `status` with the status line of the answer, then closes the connection.
    private final class StatusHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPClientResponsePart
        let status: EventLoopPromise<HTTPResponseStatus>

        init(status: EventLoopPromise<HTTPResponseStatus>) {
            self.status = status
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .head(let head) = unwrapInboundIn(data) {
                status.succeed(head.status)
                context.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            status.fail(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            status.fail(ChannelError.eof)
            context.fireChannelInactive()
        }
    }
}

/// A probe did not finish within its timeout.
struct ProbeTimeout: Error, CustomStringConvertible {
    var seconds: Double
    var description: String { "no answer within \(seconds.secondsText) s" }
}
