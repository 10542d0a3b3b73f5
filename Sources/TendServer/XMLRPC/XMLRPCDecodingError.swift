/// A request body that is not a well-formed XML-RPC document; the server answers 400 to it, as
/// supervisord does.
public struct XMLRPCDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for the daemon's log.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
