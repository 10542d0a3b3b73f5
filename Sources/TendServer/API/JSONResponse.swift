import FoundationEssentials
import Hummingbird
import TendAPI
import TendJobs

/// Builds `application/json` answers.
enum JSONResponse {
    /// `value` encoded as JSON with `status` (200 by default).
    /// - Throws: `EncodingError` (a bug: every answer type encodes).
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let body = try JSONEncoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A JSON document (as the job API builds them) with `status`.
    static func make(document: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        let body = document.serialized
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `{}` with 200, then `action` once the answer is written (the daemon may stop serving after it).
    static func emptyThen(_ action: @escaping @Sendable () async -> Void) -> Response {
        let body = ByteBuffer(bytes: Array("{}".utf8))
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: "2"],
            body: ResponseBody(contentLength: 2) { writer in
                try await writer.write(body)
                try await writer.finish(nil)
                await action()
            })
    }
}
