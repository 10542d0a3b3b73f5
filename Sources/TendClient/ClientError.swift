/// A request to the daemon that did not succeed, with a one-line message a user can act on.
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable, Hashable {
        /// No connection could be made (no socket, refused, timed out).
        case unreachable
        /// The connection broke before a whole answer arrived.
        case connectionLost
        /// The daemon wants other credentials (401).
        case unauthorized
        /// The daemon answered with a 4xx or 5xx status.
        case server
        /// The answer is not what the client expects (not HTTP, not the JSON it should be).
        case invalidResponse
        /// The daemon accepts connections but answers nothing, not even a status request (stopped or stuck).
        case unresponsive
    }

    public var kind: Kind
    /// The message, without a program-name prefix.
    public var message: String
    /// The HTTP status of a `.server` or `.unauthorized` answer.
    public var status: Int?
    /// supervisord's fault code from the answer's body (`10` for `BAD_NAME`), when it has one.
    public var faultCode: Int?

    public init(_ kind: Kind, _ message: String, status: Int? = nil, faultCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.faultCode = faultCode
    }

    public var description: String { message }
}
