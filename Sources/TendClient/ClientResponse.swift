import FoundationEssentials

/// A whole answer from the daemon.
public struct ClientResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The body's bytes.
    public var body: [UInt8]
    /// `GET /api/v1/programs`, for messages.
    var request: String

    public init(status: Int, body: [UInt8], request: String) {
        self.status = status
        self.body = body
        self.request = request
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded from JSON.
    /// - Throws: `ClientError(.invalidResponse)` when it is not JSON of that shape.
    public func decode<Value: Decodable>(_ type: Value.Type) throws(ClientError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch {
            throw ClientError(.invalidResponse, "unexpected answer to \(request): \(error)")
        }
    }

    /// The failure a non-2xx answer stands for, or `nil` for 2xx. The daemon's JSON error body
    /// `{"error": "…", "code": N}` gives the message and fault code.
    func failure(endpoint: Endpoint) -> ClientError? {
        guard !(200..<300).contains(status) else { return nil }
        struct Failure: Decodable {
            var error: String
            var code: Int?
        }
        let parsed = try? JSONDecoder().decode(Failure.self, from: Data(body))
        if status == 401 {
            return ClientError(
                .unauthorized,
                "the daemon at \(endpoint) refused the credentials: give them with -u/-p or [supervisorctl] username/password",
                status: status)
        }
        let message = parsed?.error ?? (text.isEmpty ? "HTTP status \(status)" : text)
        return ClientError(.server, message, status: status, faultCode: parsed?.code)
    }
}
