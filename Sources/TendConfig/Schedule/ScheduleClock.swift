import Foundation

/// The wall-clock side of schedules: time zones by IANA name and the next tick of a schedule. Foundation is
/// imported here (and in `CronExpression`) for `TimeZone` and `Calendar`, whose named zones and daylight saving
/// rules come with it; nothing else in TendConfig needs it.
public enum ScheduleClock {
    /// Whether `name` is a time zone Tend knows (`Europe/Paris`, `UTC`, …).
    public static func isKnownTimeZone(_ name: String) -> Bool {
        !name.isEmpty && TimeZone(identifier: name) != nil
    }

    /// The zone named `name`, or the machine's (`TZ`, else `/etc/localtime`) for `nil`.
    public static func timeZone(named name: String?) -> TimeZone {
        name.flatMap { TimeZone(identifier: $0) } ?? TimeZone.current
    }

    /// The first cron tick strictly after `seconds` (wall clock, since the epoch), or `nil` when there is none.
    public static func nextTick(of expression: CronExpression, after seconds: Double, zone: String?) -> Double? {
        expression.nextFire(after: Date(timeIntervalSince1970: seconds), in: timeZone(named: zone))?
            .timeIntervalSince1970
    }
}
