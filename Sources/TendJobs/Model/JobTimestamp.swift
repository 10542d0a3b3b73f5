import TendPlatform

/// A wall-clock instant, in milliseconds since the Unix epoch, as jobs are stored.
///
/// Wall-clock time (not a monotonic clock) because stores outlive the daemon and are shared between machines.
public struct JobTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// The current time of the machine's real-time clock.
    public static var now: JobTimestamp {
        JobTimestamp(milliseconds: WallClock.millisecondsSinceEpoch)
    }

    /// This instant moved by `seconds` (fractions allowed).
    public func adding(seconds: Double) -> JobTimestamp {
        JobTimestamp(milliseconds: milliseconds + Int64((seconds * 1000).rounded()))
    }

    /// Seconds since the epoch, with millisecond precision, as the JSON API shows times.
    public var secondsSinceEpoch: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: JobTimestamp, rhs: JobTimestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public var description: String { "\(milliseconds) ms" }
}
