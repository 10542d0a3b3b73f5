import TendConfig

/// Parses the values of a `[task:x]` section with the same rules as supervisord's program values.
///
/// The splitting and `environment` rules mirror TendConfig's loader (`ShellWords`, `ValueParsers`), which are
/// internal there; this copy goes away when `TaskSpec` moves into TendConfig.
struct TaskSpecValues {
    let values: [String: String]

    static func checkName(_ name: String) throws(TaskSpecError) {
        let allowed: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        guard !name.isEmpty, name.allSatisfy(allowed) else {
            throw TaskSpecError(
                key: nil, message: "invalid task name '\(name)' (use letters, digits, '_', '-' and '.')")
        }
    }

    func text(_ key: String) -> String? {
        guard let value = values[key]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    func seconds(_ key: String, allowZero: Bool) throws(TaskSpecError) -> Double? {
        guard let text = text(key) else { return nil }
        guard let value = Double(text), value.isFinite, value > 0 || (allowZero && value == 0) else {
            throw TaskSpecError(key: key, message: "invalid value '\(text)' for '\(key)': a number of seconds")
        }
        return value
    }

    func integer(_ key: String, minimum: Int) throws(TaskSpecError) -> Int? {
        guard let text = text(key) else { return nil }
        guard let value = Int(text) else {
            throw TaskSpecError(key: key, message: "invalid integer value '\(text)' for '\(key)'")
        }
        guard value >= minimum else {
            throw TaskSpecError(key: key, message: "'\(key)' must be at least \(minimum), not \(value)")
        }
        return value
    }

    func boolean(_ key: String) throws(TaskSpecError) -> Bool? {
        guard let text = text(key) else { return nil }
        switch text.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default:
            throw TaskSpecError(
                key: key,
                message: "invalid boolean value '\(text)' for '\(key)' (use true/false, yes/no, on/off or 1/0)")
        }
    }

    func signal(_ key: String) throws(TaskSpecError) -> SignalName? {
        guard let text = text(key) else { return nil }
        guard let signal = SignalName(parsing: text) else {
            throw TaskSpecError(
                key: key, message: "value '\(text)' for '\(key)' is not a signal name (e.g. TERM, INT, QUIT, KILL)")
        }
        return signal
    }

    func exitCodes(_ key: String) throws(TaskSpecError) -> Set<Int32>? {
        guard let text = text(key) else { return nil }
        var codes: Set<Int32> = []
        for part in text.split(separator: ",") {
            guard let code = Int32(part.trimmingWhitespace()), (1...255).contains(code) else {
                throw TaskSpecError(
                    key: key,
                    message: "invalid exit code '\(part.trimmingWhitespace())' in '\(key)' (1-255, comma-separated)")
            }
            codes.insert(code)
        }
        return codes
    }

    func statusWord(_ key: String) throws(TaskSpecError) -> String? {
        guard let text = text(key) else { return nil }
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
            throw TaskSpecError(
                key: key, message: "invalid '\(key)' '\(text)' (one word: letters, digits, '_', '-' and '.')")
        }
        return text
    }

    func interruptPolicy(_ key: String) throws(TaskSpecError) -> TaskSpec.InterruptPolicy? {
        guard let text = text(key) else { return nil }
        guard let policy = TaskSpec.InterruptPolicy(rawValue: text.lowercased()) else {
            throw TaskSpecError(key: key, message: "invalid '\(key)' value '\(text)' (requeue or fail)")
        }
        return policy
    }

    func octal(_ key: String) throws(TaskSpecError) -> UInt32? {
        guard let text = text(key) else { return nil }
        let digits = text.hasPrefix("0o") ? String(text.dropFirst(2)) : text
        guard let value = UInt32(digits, radix: 8), value <= 0o7777 else {
            throw TaskSpecError(key: key, message: "invalid octal value '\(text)' for '\(key)' (e.g. 022)")
        }
        return value
    }

    /// supervisord's `dict_of_key_value_pairs`: `A="1",B=two,C='x,y'`.
    func environment(_ key: String) throws(TaskSpecError) -> [EnvironmentVariable]? {
        guard let text = text(key) else { return nil }
        var result: [EnvironmentVariable] = []
        var rest = Substring(text)
        func skipSpace() { rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }) }
        while true {
            skipSpace()
            guard !rest.isEmpty else { break }
            let name = rest.prefix(while: { $0 != "=" && $0 != "," }).trimmingWhitespace()
            rest = rest.drop(while: { $0 != "=" && $0 != "," })
            guard rest.first == "=", !name.isEmpty else {
                throw TaskSpecError(key: key, message: "unexpected end of key/value pairs in '\(key)' (write K=\"v\",K2=\"v2\")")
            }
            rest = rest.dropFirst()
            skipSpace()
            var value: String
            if let quote = rest.first, quote == "\"" || quote == "'" {
                rest = rest.dropFirst()
                value = String(rest.prefix(while: { $0 != quote }))
                rest = rest.drop(while: { $0 != quote })
                guard rest.first == quote else {
                    throw TaskSpecError(key: key, message: "no closing quotation in '\(key)'")
                }
                rest = rest.dropFirst()
                skipSpace()
            } else {
                value = rest.prefix(while: { $0 != "," }).trimmingWhitespace()
                rest = rest.drop(while: { $0 != "," })
            }
            result.append(EnvironmentVariable(name: name, value: value))
            guard let first = rest.first else { break }
            guard first == "," else {
                throw TaskSpecError(key: key, message: "expected ',' between key/value pairs in '\(key)'")
            }
            rest = rest.dropFirst()
        }
        return result
    }

    /// Splits a command line as POSIX `shlex.split` does (quotes and backslashes, no shell features).
    static func words(_ text: String) throws(TaskSpecError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    current.append(next)
                }
                if !closed { throw TaskSpecError(key: "command", message: "no closing quotation in command: \(text)") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = iterator.next() {
                        if !"\"\\$`".contains(escaped) { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
                if !closed { throw TaskSpecError(key: "command", message: "no closing quotation in command: \(text)") }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { current.append(escaped) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
