/// A store that could not do what was asked: its database failed or holds something unexpected.
public struct JobStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the daemon's log and the API's 5xx message.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    /// Wraps a database error thrown while doing `what`.
    public init(_ what: String, underlying error: any Error) {
        self.message = "\(what): \(String(describing: error))"
    }

    public var description: String { message }
}
