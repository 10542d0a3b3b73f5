#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Times written for a person, in the machine's time zone (`strftime` with `localtime_r`).
public enum LocalTime {
    /// `seconds` since the epoch as `pattern` gives it; the default is `2026-11-22 16:22:07`.
    public static func format(secondsSinceEpoch seconds: Double, pattern: String = "%Y-%m-%d %H:%M:%S") -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Now as the daemon's log writes it, with milliseconds: `2026-11-22 10:00:00,123`.
    public static func logTimestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let millis = Int(now.tv_nsec / 1_000_000)
        let pad = millis < 10 ? "00" : millis < 100 ? "0" : ""
        return format(secondsSinceEpoch: Double(now.tv_sec)) + ",\(pad)\(millis)"
    }
}
