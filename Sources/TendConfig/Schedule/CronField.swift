/// One field of a cron expression: the set of values it allows (a bit per value), and whether it was written
/// starting with `*` (which matters for the day-of-month / day-of-week rule).
struct CronField: Sendable, Hashable {
    /// Bit `v` is set when value `v` is allowed.
    var bits: UInt64
    /// The field's text started with `*` (`*`, `*/5`).
    var isStar: Bool

    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

    /// The smallest allowed value ≥ `value`, or `nil`.
    func next(from value: Int, through maximum: Int) -> Int? {
        guard value <= maximum else { return nil }
        return (max(value, 0)...maximum).first { contains($0) }
    }

    /// What one field may hold: its name (for messages), its range, and the names that stand for numbers.
    struct Kind: Sendable {
        var name: String
        var range: ClosedRange<Int>
        var names: [String: Int] = [:]

        static let minute = Kind(name: "minute", range: 0...59)
        static let hour = Kind(name: "hour", range: 0...23)
        static let day = Kind(name: "day of month", range: 1...31)
        static let month = Kind(
            name: "month", range: 1...12,
            names: Dictionary(
                uniqueKeysWithValues: [
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                ]
                .enumerated().map { ($1, $0 + 1) }))
        /// 0–7, both 0 and 7 are Sunday.
        static let weekday = Kind(
            name: "day of week", range: 0...7,
            names: Dictionary(
                uniqueKeysWithValues: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].enumerated().map { ($1, $0) }))
    }

    /// Parses `text` (`*`, `5`, `1-5`, `*/15`, `10-50/10`, `5/10`, `mon-fri`, lists of these) for `kind`.
    /// - Throws: `ScheduleError` naming the field, the bad part and the allowed range.
    init(parsing text: String, as kind: Kind, in expression: String) throws(ScheduleError) {
        func invalid(_ part: Substring, _ why: String = "") -> ScheduleError {
            ScheduleError(
                "invalid \(kind.name) '\(part)' in '\(expression)': \(kind.range.lowerBound)-\(kind.range.upperBound)\(why)"
            )
        }
        func number(_ word: Substring) throws(ScheduleError) -> Int {
            if let value = Int(word) {
                guard kind.range.contains(value) else { throw invalid(word) }
                return value
            }
            if let value = kind.names[word.lowercased()] { return value }
            if word.allSatisfy(\.isLetter), !kind.names.isEmpty {
                throw ScheduleError("unknown \(kind.name) name '\(word)' in '\(expression)'")
            }
            throw invalid(word)
        }
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw invalid(item, " (an empty item in a list)") }
            let pieces = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else {
                    throw invalid(item, ", with a step that is a positive number")
                }
                step = value
            }
            let base = pieces[0]
            var low: Int
            var high: Int
            if base == "*" {
                (low, high) = (kind.range.lowerBound, kind.range.upperBound)
            } else if let dash = base.firstIndex(of: "-") {
                low = try number(base[..<dash])
                high = try number(base[base.index(after: dash)...])
                guard low <= high else { throw invalid(item, ", a range from low to high") }
            } else {
                low = try number(base)
                high = pieces.count == 2 ? kind.range.upperBound : low
            }
            var value = low
            while value <= high {
                bits |= 1 << UInt64(value)
                value += step
            }
        }
        if kind.name == Kind.weekday.name, bits & (1 << 7) != 0 { bits = (bits & ~(1 << 7)) | 1 }
        self.bits = bits
        self.isStar = text.hasPrefix("*")
    }
}
