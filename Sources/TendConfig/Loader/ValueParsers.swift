/// Parsers for supervisord's value types (its `datatypes.py`), each returning the value or a message that
/// names the key and says what is accepted. Values arrive expanded and stripped.
enum ValueParsers {
    /// `yes`/`true`/`on`/`1` or `no`/`false`/`off`/`0`, any case.
    static func boolean(_ text: String, key: String) -> Result<Bool, ConfigValueError> {
        switch text.strippingWhitespace().lowercased() {
        case "yes", "true", "on", "1": .success(true)
        case "no", "false", "off", "0": .success(false)
        default:
            .failure(
                ConfigValueError("invalid boolean value '\(text)' for '\(key)' (use true/false, yes/no, on/off or 1/0)")
            )
        }
    }

    /// A decimal integer as Python's `int()` reads it (sign, digits, `_` between digits), at least `minimum`.
    static func integer(_ text: String, key: String, minimum: Int? = nil) -> Result<Int, ConfigValueError> {
        guard let value = pythonInteger(text) else {
            return .failure(ConfigValueError("invalid integer value '\(text)' for '\(key)'"))
        }
        if let minimum, value < minimum {
            return .failure(ConfigValueError("'\(key)' must be at least \(minimum), not \(value)"))
        }
        return .success(value)
    }

    /// A positive number of seconds (`2`, `0.5`).
    static func seconds(_ text: String, key: String) -> Result<Double, ConfigValueError> {
        guard let value = Double(text.strippingWhitespace()), value.isFinite, value > 0 else {
            return .failure(ConfigValueError("invalid value '\(text)' for '\(key)': a positive number of seconds"))
        }
        return atMostMaximumSeconds(value, text, key: key)
    }

    /// A number of seconds that may be 0 (`0`, `1.5`).
    static func nonNegativeSeconds(_ text: String, key: String) -> Result<Double, ConfigValueError> {
        guard let value = Double(text.strippingWhitespace()), value.isFinite, value >= 0 else {
            return .failure(ConfigValueError("invalid value '\(text)' for '\(key)': a number of seconds, 0 or more"))
        }
        return atMostMaximumSeconds(value, text, key: key)
    }

    /// The longest duration a seconds value may give (about 31 years). Durations are later turned into whole
    /// seconds (`Int`) and `Duration`s, which trap on values as large as `1e308`; no real timeout comes near it.
    static let maximumSeconds: Double = 1_000_000_000

    /// `value`, or an error naming `key` when it is above `maximumSeconds`.
    static func atMostMaximumSeconds(_ value: Double, _ text: String, key: String) -> Result<Double, ConfigValueError> {
        guard value <= maximumSeconds else {
            return .failure(
                ConfigValueError(
                    "invalid value '\(text)' for '\(key)': at most \(Int(maximumSeconds)) seconds (about 31 years)"))
        }
        return .success(value)
    }

    /// supervisord's `byte_size`: `1024`, `10KB`, `50MB`, `1GB` (suffixes any case, 1024-based). Tend
    /// refuses negative sizes, which supervisord reads but cannot use.
    static func byteSize(_ text: String, key: String) -> Result<Int64, ConfigValueError> {
        let lower = text.strippingWhitespace().lowercased()
        let units: [(String, Int64)] = [("kb", 1024), ("mb", 1024 * 1024), ("gb", 1024 * 1024 * 1024)]
        var number = lower
        var factor: Int64 = 1
        if let (suffix, multiplier) = units.first(where: { lower.hasSuffix($0.0) }) {
            number = String(lower.dropLast(suffix.count))
            factor = multiplier
        }
        guard let value = pythonInteger(number), value >= 0 else {
            return .failure(
                ConfigValueError(
                    "invalid size '\(text)' for '\(key)' (a number of bytes, optionally with KB, MB or GB, e.g. 50MB)"))
        }
        let (product, overflow) = Int64(value).multipliedReportingOverflow(by: factor)
        guard !overflow else { return .failure(ConfigValueError("size '\(text)' for '\(key)' is too large")) }
        return .success(product)
    }

    /// supervisord's `octal_type` (`022`, `0o22`, `22`), between 0 and 0o7777.
    static func octal(_ text: String, key: String) -> Result<UInt32, ConfigValueError> {
        var digits = text.strippingWhitespace().replacingUnderscores()
        if digits.lowercased().hasPrefix("0o") { digits = String(digits.dropFirst(2)) }
        guard let value = UInt32(digits, radix: 8), value <= 0o7777 else {
            return .failure(ConfigValueError("invalid octal value '\(text)' for '\(key)' (e.g. 022)"))
        }
        return .success(value)
    }

    /// supervisord's `list_of_exitcodes`: comma-separated codes from 0 to 255; an empty value is no code.
    static func exitCodes(_ text: String) -> Result<[Int32], ConfigValueError> {
        guard !text.isEmpty else { return .success([]) }
        var codes: [Int32] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let code = pythonInteger(String(part)), (0...255).contains(code) else {
                return .failure(
                    ConfigValueError(
                        "invalid exit code '\(part.strippingWhitespace())' in 'exitcodes' (comma-separated numbers from 0 to 255)"
                    ))
            }
            codes.append(Int32(code))
        }
        return .success(codes)
    }

    /// `true` (always), `false` (never) or `unexpected`; booleans in any of their spellings.
    static func autorestart(_ text: String) -> Result<AutoRestartPolicy, ConfigValueError> {
        if text.strippingWhitespace().lowercased() == "unexpected" { return .success(.unexpected) }
        guard case .success(let flag) = boolean(text, key: "autorestart") else {
            return .failure(ConfigValueError("invalid 'autorestart' value '\(text)' (true, false or unexpected)"))
        }
        return .success(flag ? .always : .never)
    }

    /// A signal name (`TERM`, `SIGTERM`, any case) or number, as supervisord's `signal_number`.
    static func signal(_ text: String, key: String) -> Result<SignalName, ConfigValueError> {
        let upper = text.strippingWhitespace().uppercased()
        let bare = upper.hasPrefix("SIG") ? String(upper.dropFirst(3)) : upper
        // Python's `signal` module also knows these aliases on Linux.
        let aliases: [String: Int32] = ["IOT": 6, "CLD": 17, "POLL": 29, "RTMIN": 34, "RTMAX": 64]
        if let number = aliases[bare] { return .success(SignalName(number: number)) }
        guard let signal = SignalName(parsing: text) else {
            return .failure(
                ConfigValueError(
                    "value '\(text)' for '\(key)' is not a signal name or number (e.g. TERM, HUP, INT, QUIT, KILL, USR1, USR2)"
                ))
        }
        return .success(signal)
    }

    /// The `port` of `[inet_http_server]`, as supervisord's `inet_address`: `host:port`, `*:port`, `:port`
    /// or a bare port. An empty host and `*` mean every interface (`0.0.0.0`); a bare port binds loopback
    /// only (`127.0.0.1`), where supervisord would bind every interface.
    static func inetAddress(_ text: String) -> Result<(host: String, port: Int), ConfigValueError> {
        var host = "127.0.0.1"
        var portText = text.strippingWhitespace()
        if let colon = portText.lastIndex(of: ":") {
            let given = portText[..<colon].lowercased()
            host = given.isEmpty || given == "*" ? "0.0.0.0" : given
            portText = String(portText[portText.index(after: colon)...])
        }
        guard let port = pythonInteger(portText), (1...65535).contains(port) else {
            return .failure(
                ConfigValueError("invalid port '\(text)' (write host:port, *:port or a port from 1 to 65535)"))
        }
        return .success((host, port))
    }

    /// Python's `int()` of a decimal string: optional surrounding whitespace and sign, digits with single
    /// underscores between them.
    static func pythonInteger(_ text: String) -> Int? {
        var body = Substring(text.strippingWhitespace())
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber, let last = body.last, last != "_",
            !body.contains("__"), body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" })
        else { return nil }
        guard let magnitude = Int(body.replacingUnderscores()) else { return nil }
        return negative ? -magnitude : magnitude
    }
}

extension StringProtocol {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
