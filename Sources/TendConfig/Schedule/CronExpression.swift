import Foundation

/// A cron expression as `man 5 crontab` (Vixie cron, cronie) reads it: five fields — minute, hour, day of month,
/// month, day of week — or a macro (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
/// `@hourly`).
///
/// Fields take `*`, numbers, ranges `a-b`, steps `*/n`, `a-b/n` and `a/n` (from `a` to the field's end), lists, and
/// the names of months (`jan`…) and weekdays (`sun`…, `0` and `7` are Sunday). As cron does, when both day fields
/// are restricted (neither starts with `*`) a day matches when either does; otherwise both must.
///
/// Foundation is imported for `Date`, `TimeZone` and `Calendar` (named zones and their daylight saving rules).
public struct CronExpression: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The text as written (trimmed).
    public let description: String
    let minutes: CronField
    let hours: CronField
    let days: CronField
    let months: CronField
    let weekdays: CronField

    static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses five fields or a macro.
    /// - Throws: `ScheduleError` saying which field is wrong and what it may hold.
    public init(parsing text: String) throws(ScheduleError) {
        let trimmed = text.strippingWhitespace()
        description = trimmed
        var fieldsText = trimmed
        if trimmed.hasPrefix("@") {
            if trimmed.lowercased() == "@reboot" {
                throw ScheduleError(
                    "'@reboot' is not a schedule in Tend: a program that runs at start is a [program:x] with autostart")
            }
            guard let expanded = Self.macros[trimmed.lowercased()] else {
                throw ScheduleError("unknown cron macro '\(trimmed)' (@yearly, @monthly, @weekly, @daily, @hourly)")
            }
            fieldsText = expanded
        }
        let fields = fieldsText.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ScheduleError(
                "a cron expression has 5 fields (minute hour day month weekday), got \(fields.count) in '\(trimmed)'")
        }
        minutes = try CronField(parsing: fields[0], as: .minute, in: trimmed)
        hours = try CronField(parsing: fields[1], as: .hour, in: trimmed)
        days = try CronField(parsing: fields[2], as: .day, in: trimmed)
        months = try CronField(parsing: fields[3], as: .month, in: trimmed)
        weekdays = try CronField(parsing: fields[4], as: .weekday, in: trimmed)
    }

    public static func == (lhs: CronExpression, rhs: CronExpression) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try CronExpression(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Whether `day` (of the month) and `weekday` (0 = Sunday) match, with cron's rule for the two day fields.
    func matches(day: Int, weekday: Int) -> Bool {
        let byDay = days.contains(day)
        let byWeekday = weekdays.contains(weekday)
        return days.isStar || weekdays.isStar ? byDay && byWeekday : byDay || byWeekday
    }
}
