/// The identifier of one job, as the API returns it (`task_id`).
///
/// New ids are UUID version 7 strings (`0190a5c4-…`): a millisecond timestamp followed by random bits, so they
/// are unique across the nodes that share one PostgreSQL queue and sort roughly by submission time.
public struct JobID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The id's text.
    public var rawValue: String

    /// Wraps an id read from a request or a store; no format is enforced, an unknown id simply finds no job.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// A new, unique id.
    public static func make() -> JobID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(JobTimestamp.now.milliseconds)
        let randomA = generator.next() as UInt64
        let randomB = generator.next() as UInt64
        // 48 bits of time, version 7, 12 random bits, variant 10, 62 random bits.
        let high = (milliseconds << 16) | 0x7000 | (randomA & 0x0FFF)
        let low = (randomB & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hexDigits(high, count: 16) + hexDigits(low, count: 16)
        var text = ""
        text.reserveCapacity(36)
        for (index, character) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append("-") }
            text.append(character)
        }
        return JobID(text)
    }

    public var description: String { rawValue }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static func hexDigits(_ value: UInt64, count: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
