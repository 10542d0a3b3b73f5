#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A system call that failed: what was tried, on which path, and the system's words for why
/// (`can't chmod /run/tend.sock: Operation not permitted`).
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was tried, as a verb phrase (`open`, `chmod … to 700`).
    public var operation: String
    /// The file it was tried on, when there is one.
    public var path: String?
    /// The errno value.
    public var code: Int32

    /// An error for `operation` on `path` with `code` (by default, the calling thread's current errno).
    public init(_ operation: String, path: String? = nil, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The system's words for `code` (`No space left on device`).
    public var reason: String { Self.message(for: code) }

    /// Whether a connect failed because nothing listens there (no socket file, or connection refused).
    public var meansNothingListens: Bool { code == ENOENT || code == ECONNREFUSED }

    /// Whether the error says the disk (or the user's quota) is full.
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }

    public var description: String {
        "can't \(operation)\(path.map { " " + $0 } ?? ""): \(reason)"
    }

    /// The system's words for an errno value (`strerror`).
    public static func message(for code: Int32) -> String {
        String(cString: strerror(code))
    }
}
