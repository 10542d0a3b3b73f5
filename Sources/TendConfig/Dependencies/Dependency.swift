/// One entry of `depends_on`: the program (or group) a process needs, and what it must have reached first.
///
/// `depends_on = redis, postgres:healthy, migrate:completed_successfully` reads as three dependencies. A name is a
/// group (every process of it must meet the condition), a `group:process` name, or a process name.
public struct Dependency: Sendable, Hashable, Codable {
    /// What a dependency must have reached before its dependant starts.
    public enum Condition: String, Sendable, Hashable, Codable, CaseIterable {
        /// RUNNING (past `startsecs`). The default.
        case started
        /// RUNNING and ready: its readiness probe passed, `ready = notify` got `READY=1`, `ready = log` matched.
        case healthy
        /// A one-shot that has run and exited, whatever its exit code.
        case completed
        /// A one-shot that has run and exited with 0.
        case completedSuccessfully = "completed_successfully"
        /// A line of its output matched its `ready_log_line`.
        case logReady = "log_ready"
    }

    /// The name as written (a group, `group:process` or a process name).
    public var name: String
    /// What `name` must have reached.
    public var condition: Condition

    public init(name: String, condition: Condition = .started) {
        self.name = name
        self.condition = condition
    }

    /// The dependencies of a `depends_on` value: comma-separated `NAME` or `NAME:CONDITION`, where a `group:process`
    /// name may carry a condition too (`stack:redis:healthy`).
    /// - Throws: `DependencyError` for an empty entry or an unknown condition, naming the entry.
    public static func parseList(_ text: String) throws(DependencyError) -> [Dependency] {
        var result: [Dependency] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = piece.strippingWhitespace()
            guard !entry.isEmpty else {
                throw DependencyError("an empty entry in '\(text)': write names separated by commas")
            }
            var parts = entry.split(separator: ":", omittingEmptySubsequences: false).map { $0.strippingWhitespace() }
            var condition = Condition.started
            if parts.count > 1, let last = parts.last, let named = Condition(rawValue: last.lowercased()) {
                condition = named
                parts.removeLast()
            } else if parts.count == 3 {
                let names = Condition.allCases.map(\.rawValue).joined(separator: ", ")
                throw DependencyError("unknown condition '\(parts[2])' in '\(entry)': one of \(names)")
            }
            guard parts.count <= 2, !parts.contains(where: \.isEmpty) else {
                throw DependencyError(
                    "'\(entry)' is not a name: write NAME, GROUP:NAME, or either followed by :CONDITION")
            }
            let dependency = Dependency(name: parts.joined(separator: ":"), condition: condition)
            if !result.contains(dependency) { result.append(dependency) }
        }
        return result
    }

    /// `redis`, `migrate:completed_successfully`: the dependency as written in `depends_on`.
    public var description: String { condition == .started ? name : "\(name):\(condition.rawValue)" }
}

/// Why a `depends_on` value cannot be used, worded for the loader's `file:line: message`.
public struct DependencyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what is expected.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
