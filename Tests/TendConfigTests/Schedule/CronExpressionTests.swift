import Foundation
import Testing

@testable import TendConfig

/// Cron expressions and their next fire times, against a table worked out from `man 5 crontab`.
struct CronExpressionTests {
    struct Case: CustomStringConvertible, Sendable {
        var expression: String
        var after: String
        var zone: String = "UTC"
        var next: String?
        var description: String { "\(expression) after \(after) in \(zone)" }
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    static let cases: [Case] = [
        Case(expression: "*/7 * * * *", after: "2027-01-01T10:50:00Z", next: "2027-01-01T10:56:00Z"),
        Case(expression: "*/7 * * * *", after: "2027-01-01T10:56:00Z", next: "2027-01-01T11:00:00Z"),
        Case(expression: "* * * * *", after: "2027-01-01T10:56:30Z", next: "2027-01-01T10:57:00Z"),
        // 2027-01-01 is a Friday: the weekend is skipped.
        Case(expression: "0 9 * * mon-fri", after: "2027-01-01T10:00:00Z", next: "2027-01-04T09:00:00Z"),
        Case(expression: "0 0 29 2 *", after: "2027-03-01T00:00:00Z", next: "2028-02-29T00:00:00Z"),
        // Both day fields restricted: either matches (Monday Feb 1 by its date, before Friday Feb 5).
        Case(expression: "0 0 1,15 * 5", after: "2027-01-30T00:00:00Z", next: "2027-02-01T00:00:00Z"),
        Case(expression: "0 0 * * 5", after: "2027-01-30T00:00:00Z", next: "2027-02-05T00:00:00Z"),
        // A day field starting with `*` makes it "both": odd days that are Fridays.
        Case(expression: "0 0 */2 * 5", after: "2027-02-06T00:00:00Z", next: "2027-02-19T00:00:00Z"),
        Case(expression: "@hourly", after: "2027-01-01T10:30:00Z", next: "2027-01-01T11:00:00Z"),
        Case(expression: "@daily", after: "2027-01-01T10:00:00Z", next: "2027-01-02T00:00:00Z"),
        Case(expression: "@weekly", after: "2027-01-01T10:00:00Z", next: "2027-01-03T00:00:00Z"),
        Case(expression: "0 12 1 jul *", after: "2027-01-01T00:00:00Z", next: "2027-07-01T12:00:00Z"),
        Case(expression: "0 0 * * 7", after: "2027-01-01T00:00:00Z", next: "2027-01-03T00:00:00Z"),
        Case(expression: "15 10-12/2 * * *", after: "2027-01-01T10:15:00Z", next: "2027-01-01T12:15:00Z"),
        Case(
            expression: "0 3 * * *", after: "2027-01-01T00:00:00Z", zone: "Europe/Berlin", next: "2027-01-01T02:00:00Z"),
        Case(
            expression: "0 3 * * *", after: "2027-07-01T00:00:00Z", zone: "Europe/Berlin", next: "2027-07-01T01:00:00Z"),
        // Spring forward in New York (2027-03-14): 02:30 does not exist that day, so the next is the day after.
        Case(
            expression: "30 2 * * *", after: "2027-03-14T00:00:00-05:00", zone: "America/New_York",
            next: "2027-03-15T02:30:00-04:00"),
        // Fall back (2027-11-07): 01:30 happens twice; a job at a fixed hour runs at the first one only.
        Case(
            expression: "30 1 * * *", after: "2027-11-07T00:00:00-04:00", zone: "America/New_York",
            next: "2027-11-07T01:30:00-04:00"),
        Case(
            expression: "30 1 * * *", after: "2027-11-07T01:30:00-04:00", zone: "America/New_York",
            next: "2027-11-08T01:30:00-05:00"),
        // ... while one with `*` hours runs in both.
        Case(
            expression: "*/30 * * * *", after: "2027-11-07T01:30:00-04:00", zone: "America/New_York",
            next: "2027-11-07T01:00:00-05:00"),
        Case(
            expression: "*/30 * * * *", after: "2027-11-07T01:00:00-05:00", zone: "America/New_York",
            next: "2027-11-07T01:30:00-05:00"),
        Case(expression: "0 0 30 2 *", after: "2027-01-01T00:00:00Z", next: nil),
    ]

    @Test(arguments: cases)
    func nextFireTime(_ item: Case) throws {
        let expression = try CronExpression(parsing: item.expression)
        let zone = try #require(TimeZone(identifier: item.zone))
        let next = expression.nextFire(after: Self.date(item.after), in: zone)
        #expect(next == item.next.map(Self.date))
    }

    @Test(arguments: [
        ("61 * * * *", "invalid minute '61' in '61 * * * *': 0-59"),
        ("* * * *", "a cron expression has 5 fields (minute hour day month weekday), got 4"),
        ("* * * foo *", "unknown month name 'foo'"),
        ("* * * * 8", "invalid day of week '8'"),
        ("* 24 * * *", "invalid hour '24'"),
        ("* * 0 * *", "invalid day of month '0'"),
        ("*/0 * * * *", "a step that is a positive number"),
        ("5-1 * * * *", "a range from low to high"),
        ("1,,2 * * * *", "an empty item"),
        ("@reboot", "'@reboot' is not a schedule"),
        ("@often", "unknown cron macro '@often'"),
    ])
    func badExpressionsSayWhatIsWrong(_ text: String, _ fragment: String) {
        do {
            _ = try CronExpression(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func aCodableRoundTripKeepsTheExpression() throws {
        let expression = try CronExpression(parsing: "*/5 9-17 * * mon-fri")
        let data = try JSONEncoder().encode([expression])
        #expect(String(decoding: data, as: UTF8.self) == #"["*\/5 9-17 * * mon-fri"]"#)
        #expect(try JSONDecoder().decode([CronExpression].self, from: data) == [expression])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CronExpression].self, from: Data(#"["nope"]"#.utf8))
        }
    }
}
