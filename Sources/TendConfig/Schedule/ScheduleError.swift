/// Why a `schedule` (or `schedule_timezone`) value cannot be used, worded for the `file:line: message` the loader
/// reports.
public struct ScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what is expected.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
