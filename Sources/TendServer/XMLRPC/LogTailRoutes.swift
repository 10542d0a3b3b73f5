import FoundationEssentials
import Hummingbird
import ServiceLifecycle
import TendAPI
import TendPlatform

/// supervisord's streaming log endpoints, which `supervisorctl tail -f`, `maintail -f` and `fg` read:
///
/// - `GET /logtail/NAME[/stdout|/stderr]`: a process's log;
/// - `GET /mainlogtail`: the daemon's log.
///
/// Each answers as supervisord's `logtail_handler` does: 200 with `Content-Type: text/plain;charset=utf-8`,
/// `Last-Modified` (the log file's mtime), no length (so the body is chunked), the last 1024 bytes of the
/// log, then every byte written to it until the client leaves or the server stops. An unknown process,
/// a whole group, an unknown channel or a missing log file is 404.
///
/// A process log follows the supervisor's own stream of the process's output (no file is polled); a
/// stream logged to `NONE`, which supervisord answers with 404, is served from the in-memory tail.
/// The daemon's log is followed with `FileFollower`.
struct LogTailRoutes: Sendable {
    let control: any DaemonControl

    /// The bytes of the log sent before following it.
    static let backlog = 1024

    /// `X-Accel-Buffering: no` tells a reverse proxy (nginx) not to buffer the stream.
    static let accelBuffering = HTTPFields.Element.Name("X-Accel-Buffering")!

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("logtail/{name}") { request, context in
            await self.processLog(request, name: context.parameters.get("name"), channel: "stdout")
        }
        router.get("logtail/{name}/{channel}") { request, context in
            await self.processLog(
                request, name: context.parameters.get("name"), channel: context.parameters.get("channel"))
        }
        router.get("mainlogtail") { request, _ in self.mainLog(request) }
    }

    private func processLog(_ request: Request, name rawName: String?, channel: String?) async -> Response {
        guard let rawName, let channel = channel?.percentDecoded(), let stream = OutputStream(rawValue: channel) else {
            return SupervisordErrorPage.response(.notFound)
        }
        let spec = Namespec(rawName.percentDecoded())
        guard let process = spec.process else { return SupervisordErrorPage.response(.notFound) }
        let qualified = Namespec.qualified(group: spec.group, process: process)
        let supervisor = control.supervisor
        guard let status = try? await supervisor.statuses([qualified]).first else {
            return SupervisordErrorPage.response(.notFound)
        }
        let path = stream == .stdout ? status.stdoutLogfile : status.stderrLogfile
        if stream == .stderr && path.isEmpty, await supervisor.redirectsStderr(group: status.group, name: status.name) {
            return SupervisordErrorPage.response(.notFound)
        }
        let chunks: AsyncStream<[UInt8]>
        let initial: String
        do {
            // Subscribed before the backlog is read, so that nothing written in between is lost.
            chunks = try await supervisor.follow(qualified, stream: stream)
            initial = try await supervisor.tail(qualified, stream: stream, offset: 0, length: Self.backlog).text
        } catch {
            return SupervisordErrorPage.response(.notFound)
        }
        var headers: HTTPFields = [.contentType: "text/plain;charset=utf-8"]
        headers[Self.accelBuffering] = "no"
        if let modified = Self.lastModified(path) { headers[.lastModified] = modified }
        let start = Array(initial.utf8)
        return Self.streaming(request, headers: headers, initial: start, chunks: chunks)
    }

    private func mainLog(_ request: Request) -> Response {
        guard let path = control.logfile, let modified = Self.lastModified(path),
            let chunks = try? FileFollower.follow(path, backlog: Self.backlog)
        else {
            return SupervisordErrorPage.response(.notFound)
        }
        return Self.streaming(
            request, headers: [.contentType: "text/plain;charset=utf-8", .lastModified: modified], initial: [],
            chunks: chunks)
    }

    /// A chunked answer: `initial`, then `chunks`, until they end, the client goes away or the server
    /// shuts down gracefully.
    static func streaming(_ request: Request, headers: HTTPFields, initial: [UInt8], chunks: AsyncStream<[UInt8]>)
        -> Response
    {
        Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    if !initial.isEmpty { try await writer.write(ByteBuffer(bytes: initial)) }
                    for await chunk in chunks.cancelOnGracefulShutdown() {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                }
                try await writer.finish(nil)
            })
    }

    /// The file's mtime as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`), or `nil` when `path` is
    /// empty or missing.
    static func lastModified(_ path: String) -> String? {
        guard !path.isEmpty, let seconds = FileStatus.modificationTime(of: path) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .weekday],
            from: Date(timeIntervalSince1970: Double(seconds)))
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return
            "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }
}
