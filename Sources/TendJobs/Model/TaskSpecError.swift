/// A bad value in a `[task:x]` section: which key, and what is accepted instead.
public struct TaskSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending key, so the loader can point at its line; `nil` when the section itself is wrong.
    public var key: String?
    /// A message a user can act on.
    public var message: String

    public init(key: String?, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { message }
}
