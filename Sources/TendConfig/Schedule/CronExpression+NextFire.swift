import Foundation

extension CronExpression {
    /// The first instant strictly after `instant` (on a whole minute) at which the expression fires in `timeZone`;
    /// `nil` when there is none in the next 8 years (`0 0 30 2 *`).
    ///
    /// It walks real instants, skipping whole months, days and hours that cannot match, so daylight saving time
    /// follows from the zone's rules: a local time that does not exist that day (the spring-forward gap) is
    /// skipped, as systemd timers do; in a repeated hour (fall back) an expression whose hour field is restricted
    /// fires at the first occurrence only, one whose hour field starts with `*` fires in both, as cronie does.
    public func nextFire(after instant: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = (instant.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        let limit = start + 8 * 366 * 86400
        var seconds = start
        while seconds <= limit {
            let date = Date(timeIntervalSince1970: seconds)
            let local = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
            guard let year = local.year, let month = local.month, let day = local.day, let hour = local.hour,
                let minute = local.minute, let weekday = local.weekday
            else { return nil }
            if !months.contains(month) {
                let next = month == 12 ? (year + 1, 1) : (year, month + 1)
                guard let first = calendar.date(from: DateComponents(year: next.0, month: next.1, day: 1)) else {
                    return nil
                }
                seconds = max(first.timeIntervalSince1970, seconds + 60)
                continue
            }
            if !matches(day: day, weekday: weekday - 1) {
                let midnight = calendar.startOfDay(for: date)
                guard let tomorrow = calendar.date(byAdding: .day, value: 1, to: midnight) else { return nil }
                seconds = max(tomorrow.timeIntervalSince1970, seconds + 60)
                continue
            }
            if !hours.contains(hour) {
                seconds += Double(60 - minute) * 60
                continue
            }
            guard let nextMinute = minutes.next(from: minute, through: 59) else {
                seconds += Double(60 - minute) * 60
                continue
            }
            if nextMinute != minute {
                seconds += Double(nextMinute - minute) * 60
                continue
            }
            if !hours.isStar, isRepeatedWallTime(date, calendar: calendar) {
                seconds += 60
                continue
            }
            return date
        }
        return nil
    }

    /// Whether the local time of `date` already happened earlier the same day (the second pass of a fall-back
    /// hour, or half hour).
    private func isRepeatedWallTime(_ date: Date, calendar: Calendar) -> Bool {
        let wall: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute]
        let here = calendar.dateComponents(wall, from: date)
        return [1800.0, 3600.0].contains { shift in
            calendar.dateComponents(wall, from: date.addingTimeInterval(-shift)) == here
        }
    }
}
