import FoundationEssentials
import Hummingbird
import TendAPI
import TendConfig

/// An answer of the control plane other than 2xx: a status and a JSON body `{"error": "…"}`, with
/// `"code"` set to supervisord's fault number when the error is a supervisord fault.
struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    var status: HTTPResponse.Status
    /// What went wrong, for a person.
    var message: String
    /// supervisord's fault code (`10` for `BAD_NAME`), if any.
    var code: Int?

    init(_ status: HTTPResponse.Status, _ message: String, code: Int? = nil) {
        self.status = status
        self.message = message
        self.code = code
    }

    /// A supervisord fault, with the status that fits it (404 for `BAD_NAME`, 400 for `BAD_SIGNAL`, …).
    init(_ error: SupervisorError) {
        self.init(Self.status(for: error.code), error.description, code: error.code.rawValue)
    }

    /// A config file that does not load: 422 with every error, one `file:line: message` a line.
    init(_ error: ConfigError) {
        let errors = error.errors.isEmpty ? error.diagnostics : error.errors
        self.init(.unprocessableContent, errors.map(\.description).joined(separator: "\n"))
    }

    /// 401 for a request without the right credentials.
    static let unauthorized = APIError(.unauthorized, "authentication required")

    var description: String { "\(status.code) \(message)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    /// The JSON response.
    func makeResponse() -> Response {
        let body = (try? JSONEncoder().encode(APIResponse.Failure(error: message, code: code))) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)"]
        if status == .unauthorized { headers[.wwwAuthenticate] = BasicAuthenticator.challenge }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func status(for code: SupervisorError.Code) -> HTTPResponse.Status {
        switch code {
        case .badName, .noFile: .notFound
        case .badSignal, .badArguments, .incorrectParameters, .signatureUnsupported, .unknownMethod: .badRequest
        case .alreadyStarted, .notRunning, .alreadyAdded, .stillRunning: .conflict
        case .shutdownState: .serviceUnavailable
        case .cantReread: .unprocessableContent
        case .notExecutable, .failed, .abnormalTermination, .spawnError, .success: .internalServerError
        }
    }
}
