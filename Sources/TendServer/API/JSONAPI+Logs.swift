import Hummingbird
import ServiceLifecycle
import TendAPI

extension JSONAPI {
    /// `GET /api/v1/programs/{name}/log?stream=stdout&offset=0&length=1600`: a piece of a log, as
    /// supervisord's `tailProcessStdoutLog` (the last `length` bytes from `offset`).
    func log(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let name = try Self.processName(context)
        let query = request.uri.queryParameters
        let stream = try Self.stream(query.get("stream"))
        let offset = try Self.count(query.get("offset"), name: "offset", default: 0)
        let length = try Self.count(query.get("length"), name: "length", default: 1600)
        let chunk: LogChunk
        do {
            chunk = try await supervisor.tail(name, stream: stream, offset: offset, length: length)
        } catch {
            throw APIError(error)
        }
        return try JSONResponse.make(chunk)
    }

    /// `GET /api/v1/programs/{name}/log/follow?stream=stdout&bytes=0`: the last `bytes` bytes of the
    /// log, then every byte the process writes, as a chunked `text/plain` answer. It ends when the
    /// client goes away, the process is removed, or the server stops (graceful shutdown).
    func follow(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let name = try Self.processName(context)
        let query = request.uri.queryParameters
        let stream = try Self.stream(query.get("stream"))
        let backlog = try Self.count(query.get("bytes"), name: "bytes", default: 0)
        let chunks: AsyncStream<[UInt8]>
        var start = ""
        do {
            // Subscribe first, so nothing written after the backlog is read is missed.
            chunks = try await supervisor.follow(name, stream: stream)
            if backlog > 0 { start = try await supervisor.tail(name, stream: stream, offset: 0, length: backlog).text }
        } catch {
            throw APIError(error)
        }
        let initial = start
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    if !initial.isEmpty { try await writer.write(ByteBuffer(string: initial)) }
                    for await chunk in chunks.cancelOnGracefulShutdown() {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                }
                try await writer.finish(nil)
            })
    }

    static func processName(_ context: ControlRequestContext) throws(APIError) -> String {
        guard let raw = context.parameters.get("name") else {
            throw APIError(.badRequest, "no process name in the path")
        }
        return raw.percentDecoded()
    }

    static func stream(_ text: String?) throws(APIError) -> OutputStream {
        guard let text else { return .stdout }
        guard let stream = OutputStream(rawValue: text.lowercased()) else {
            throw APIError(.badRequest, "'stream' must be stdout or stderr, not '\(text)'")
        }
        return stream
    }

    static func count(_ text: String?, name: String, default value: Int) throws(APIError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), number >= 0 else {
            throw APIError(.badRequest, "'\(name)' must be a whole number of bytes, 0 or more, not '\(text)'")
        }
        return number
    }
}
