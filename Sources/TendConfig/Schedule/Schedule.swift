/// When a scheduled program runs: every fixed interval (on the monotonic clock) or at the times of a cron
/// expression (on the wall clock, in a time zone).
public enum Schedule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `every 10s`, `every 5m`, `every 1h30m`, `every 1d`: this many milliseconds between runs.
    case every(milliseconds: Int64)
    /// `*/5 * * * *`, `@hourly`, …
    case cron(CronExpression)

    /// Reads a `schedule` value: `every` and a duration (units `ms`, `s`, `m`, `h`, `d`, combinable as
    /// `1h30m`), else a cron expression or macro.
    /// - Throws: `ScheduleError` saying what is wrong and what is expected.
    public static func parse(_ text: String) throws(ScheduleError) -> Schedule {
        let trimmed = text.strippingWhitespace()
        guard trimmed.lowercased().hasPrefix("every") else { return .cron(try CronExpression(parsing: trimmed)) }
        let rest = String(trimmed.dropFirst(5)).strippingWhitespace()
        guard let milliseconds = duration(rest), milliseconds > 0 else {
            throw ScheduleError("invalid interval '\(trimmed)': 'every' and a duration such as 10s, 5m or 1h30m")
        }
        return .every(milliseconds: milliseconds)
    }

    /// Milliseconds of `10s`, `1h30m`, `250ms`, `1d`; `nil` when the text is not such a duration.
    static func duration(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        var total: Int64 = 0
        var rest = Substring(text.lowercased().filter { $0 != " " })
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard let number = Double(digits), number >= 0 else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) })
            else { return nil }
            rest = rest.dropFirst(unit.0.count)
            // Bounded before the conversion: Int64(_:) traps on a Double out of its range (`every 1e300s`).
            let milliseconds = number * Double(unit.1)
            guard milliseconds < 9e15 else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(Int64(milliseconds.rounded()))
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    public var description: String {
        switch self {
        case .every(let milliseconds): "every \(Self.text(milliseconds))"
        case .cron(let expression): expression.description
        }
    }

    /// `1h30m`, `10s`, `250ms`.
    static func text(_ milliseconds: Int64) -> String {
        var rest = milliseconds
        var out = ""
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)] where rest >= size
        {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        if rest > 0 || out.isEmpty { out += "\(rest)ms" }
        return out
    }
}
