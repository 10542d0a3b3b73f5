import Hummingbird
import Logging

/// supervisord's HTTP interface beside the JSON API: `POST /RPC2` (XML-RPC, see `XMLRPCMethods`),
/// `GET /logtail/NAME[/stdout|/stderr]` and `GET /mainlogtail` (see `LogTailRoutes`). This is what
/// the real `supervisorctl`, `xmlrpc.client` and tools such as superlance talk to.
public struct XMLRPCRoutes: Sendable {
    let endpoint: XMLRPCEndpoint
    let logTail: LogTailRoutes

    /// The routes acting on `control`; `logger` receives the requests that could not be read.
    public init(control: any DaemonControl, logger: Logger) {
        self.init(methods: XMLRPCMethods(control: control, logger: logger), control: control, logger: logger)
    }

    init(methods: XMLRPCMethods, control: any DaemonControl, logger: Logger) {
        endpoint = XMLRPCEndpoint(methods: methods, logger: logger)
        logTail = LogTailRoutes(control: control)
    }

    /// Registers `/RPC2`, `/logtail/…` and `/mainlogtail` on `router`. A request body larger than the
    /// context's `maxUploadSize` gets 413.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.post("RPC2") { request, context in try await self.rpc(request, maxSize: context.maxUploadSize) }
        router.get("RPC2") { _, _ in SupervisordErrorPage.response(.badRequest) }
        logTail.addRoutes(to: router)
    }

    private func rpc(_ request: Request, maxSize: Int) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxSize)
        } catch let error as any HTTPResponseError {
            return SupervisordErrorPage.response(error.status)
        } catch {
            throw BodyReadError(underlying: error)
        }
        let reply = await endpoint.reply(to: Array(buffer.readableBytesView))
        guard reply.status == .ok else { return SupervisordErrorPage.response(reply.status) }
        let body = ByteBuffer(bytes: reply.body)
        let actions = reply.afterResponse
        let headers: HTTPFields = [.contentType: "text/xml", .contentLength: "\(body.readableBytes)"]
        guard !actions.isEmpty else {
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: body.readableBytes) { writer in
                // The actions run even when the client left early: the call was made.
                let written: Result<Void, any Error>
                do {
                    try await writer.write(body)
                    try await writer.finish(nil)
                    written = .success(())
                } catch {
                    written = .failure(error)
                }
                for action in actions { await action() }
                try written.get()
            })
    }
}
