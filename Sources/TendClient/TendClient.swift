import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import TendAPI

/// A small HTTP/1.1 client for the daemon's control API, over its unix socket or TCP, with basic auth.
///
/// Each request uses a fresh connection (`Connection: close`), as supervisorctl does; connections run on
/// NIO's shared event loop group, whose threads never keep the process from exiting.
///
/// ```swift
/// let client = TendClient(endpoint: .unix(path: "/tmp/tend.sock"))
/// let statuses = try await client.get("/api/v1/programs").decode([ProcessStatus].self)
/// ```
public struct TendClient: Sendable {
    /// Where the daemon listens.
    public var endpoint: Endpoint
    /// Basic-auth credentials, sent with every request when set.
    public var credentials: Credentials?
    /// How long to wait for a connection before giving up.
    public var connectTimeout: Duration
    /// While a request waits, how often to check that the daemon still answers a status request (which must come
    /// within this too); `nil` waits without checking. See `watched(_:_:)`.
    public var responsePatience: Duration?

    /// A user name and password for basic auth.
    public struct Credentials: Sendable, Hashable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    public init(
        endpoint: Endpoint, credentials: Credentials? = nil, connectTimeout: Duration = .seconds(2),
        responsePatience: Duration? = .seconds(5)
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.responsePatience = responsePatience
    }

    /// `GET path` (path and query, e.g. `/api/v1/programs?name=web`).
    /// - Throws: `ClientError`: `.unreachable`, `.connectionLost`, `.unauthorized`, or `.server` for a
    ///   4xx/5xx answer (with the daemon's message and fault code).
    public func get(_ path: String) async throws(ClientError) -> ClientResponse {
        try await send(.GET, path, body: nil)
    }

    /// `POST path` with `body` encoded as JSON.
    /// - Throws: as `get`.
    public func post(_ path: String, json body: some Encodable) async throws(ClientError) -> ClientResponse {
        let bytes: [UInt8]
        do {
            bytes = Array(try JSONEncoder().encode(body))
        } catch {
            throw ClientError(.invalidResponse, "can't encode the request to \(path): \(error)")
        }
        return try await send(.POST, path, body: bytes)
    }

    /// `POST path` with `bytes` as the body, sent as `application/json` whatever they hold.
    /// - Throws: as `get`.
    public func post(_ path: String, bytes: [UInt8]) async throws(ClientError) -> ClientResponse {
        try await send(.POST, path, body: bytes)
    }

    /// `POST path` with an empty body.
    /// - Throws: as `get`.
    public func post(_ path: String) async throws(ClientError) -> ClientResponse {
        try await send(.POST, path, body: nil)
    }

    /// `DELETE path`.
    /// - Throws: as `get`.
    public func delete(_ path: String) async throws(ClientError) -> ClientResponse {
        try await send(.DELETE, path, body: nil)
    }

    /// `GET path`, yielding the body's bytes as they arrive (a log follow). The stream ends when the
    /// daemon ends the answer; it throws `ClientError` as `get` does. Stopping the iteration (or
    /// cancelling its task) closes the connection.
    public func stream(_ path: String) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await exchange(.GET, path, body: nil) { status, bytes in
                        if (200..<300).contains(status) { continuation.yield(bytes) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func send(_ method: HTTPMethod, _ path: String, body: [UInt8]?) async throws(ClientError) -> ClientResponse
    {
        try await watched("\(method) \(path)") { () async throws(ClientError) -> ClientResponse in
            let collected = BodyCollector()
            let status = try await exchange(method, path, body: body) { _, bytes in collected.append(bytes) }
            return ClientResponse(status: status, body: collected.bytes, request: "\(method) \(path)")
        }
    }

    /// Sends one request and hands each piece of a 2xx body to `onBody` as it arrives.
    /// - Returns: the status of a 2xx answer.
    /// - Throws: `ClientError` for every failure, including a non-2xx answer.
    @discardableResult
    private func exchange(
        _ method: HTTPMethod, _ path: String, body: [UInt8]?, onBody: @escaping @Sendable (Int, [UInt8]) -> Void
    ) async throws(ClientError) -> Int {
        let channel = try await HTTPConnector(endpoint: endpoint, timeout: connectTimeout).connect()
        let label = "\(method) \(path)"
        let head = requestHead(method, path, bodyLength: body?.count)
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var parts: [HTTPClientRequestPart] = [.head(head)]
                if let body { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                parts.append(.end(nil))
                // One write for the whole request. A daemon that answers and closes before this write
                // completes is not an error: its answer is read below.
                try? await outbound.write(contentsOf: parts)
                var status: Int?
                var failureBody: [UInt8] = []
                for try await part in inbound {
                    switch part {
                    case .head(let responseHead):
                        // Skip interim 1xx answers; the final head follows.
                        if responseHead.status.code >= 200 { status = Int(responseHead.status.code) }
                    case .body(let buffer):
                        guard let status else { continue }
                        let bytes = Array(buffer.readableBytesView)
                        if (200..<300).contains(status) { onBody(status, bytes) } else { failureBody += bytes }
                    case .end:
                        guard let status else { continue }
                        let response = ClientResponse(status: status, body: failureBody, request: label)
                        if let failure = response.failure(endpoint: endpoint) { throw failure }
                        return status
                    }
                }
                throw ClientError(
                    .connectionLost, "the daemon at \(endpoint) closed the connection before answering \(label)")
            }
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(
                .connectionLost,
                "lost the connection to the daemon at \(endpoint) during \(label): \(HTTPConnector.reason(error))")
        }
    }

    private func requestHead(_ method: HTTPMethod, _ path: String, bodyLength: Int?) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "Connection", value: "close")
        headers.add(name: "Accept", value: "application/json")
        if let bodyLength {
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(bodyLength))
        } else if method == .POST {
            headers.add(name: "Content-Length", value: "0")
        }
        if let credentials {
            let token = Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString()
            headers.add(name: "Authorization", value: "Basic \(token)")
        }
        return HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
    }
}
