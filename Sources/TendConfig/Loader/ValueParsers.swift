/// Parsers for supervisord's value types. Each returns the value or a message saying what is accepted.
enum ValueParsers {
    static func boolean(_ text: String, key: String) -> Result<Bool, ExpansionError> {
        switch text.lowercased() {
        case "yes", "true", "on", "1": .success(true)
        case "no", "false", "off", "0": .success(false)
        default: .failure(ExpansionError(message: "invalid boolean value '\(text)' for '\(key)' (use true/false, yes/no, on/off or 1/0)"))
        }
    }

    static func integer(_ text: String, key: String, minimum: Int? = nil) -> Result<Int, ExpansionError> {
        guard let value = Int(text) else {
            return .failure(ExpansionError(message: "invalid integer value '\(text)' for '\(key)'"))
        }
        if let minimum, value < minimum {
            return .failure(ExpansionError(message: "'\(key)' must be at least \(minimum), not \(value)"))
        }
        return .success(value)
    }

    static func seconds(_ text: String, key: String) -> Result<Double, ExpansionError> {
        guard let value = Double(text), value > 0 else {
            return .failure(ExpansionError(message: "invalid value '\(text)' for '\(key)': a positive number of seconds"))
        }
        return .success(value)
    }

    /// `1024`, `10KB`, `50MB`, `1GB` (case-insensitive).
    static func byteSize(_ text: String, key: String) -> Result<Int64, ExpansionError> {
        let upper = text.uppercased()
        let units: [(String, Int64)] = [("KB", 1024), ("MB", 1024 * 1024), ("GB", 1024 * 1024 * 1024)]
        for (suffix, factor) in units where upper.hasSuffix(suffix) {
            if let number = Int64(upper.dropLast(2).trimmingWhitespace()), number >= 0 { return .success(number * factor) }
        }
        if let number = Int64(upper), number >= 0 { return .success(number) }
        return .failure(ExpansionError(message: "invalid size '\(text)' for '\(key)' (a number of bytes, or with KB, MB or GB)"))
    }

    static func octal(_ text: String, key: String) -> Result<UInt32, ExpansionError> {
        guard let value = UInt32(text.hasPrefix("0o") ? String(text.dropFirst(2)) : text, radix: 8), value <= 0o7777 else {
            return .failure(ExpansionError(message: "invalid octal value '\(text)' for '\(key)' (e.g. 022)"))
        }
        return .success(value)
    }

    static func exitCodes(_ text: String) -> Result<[Int32], ExpansionError> {
        var codes: [Int32] = []
        for part in text.split(separator: ",") {
            guard let code = Int32(part.trimmingWhitespace()), (0...255).contains(code) else {
                return .failure(ExpansionError(message: "invalid exit code '\(part.trimmingWhitespace())' in 'exitcodes' (0-255, comma-separated)"))
            }
            codes.append(code)
        }
        return codes.isEmpty ? .failure(ExpansionError(message: "'exitcodes' is empty")) : .success(codes)
    }

    static func autorestart(_ text: String) -> Result<AutoRestartPolicy, ExpansionError> {
        switch text.lowercased() {
        case "false", "0", "no", "off": .success(.never)
        case "true", "1", "yes", "on": .success(.always)
        case "unexpected": .success(.unexpected)
        default: .failure(ExpansionError(message: "invalid 'autorestart' value '\(text)' (true, false or unexpected)"))
        }
    }

    static func signal(_ text: String, key: String) -> Result<SignalName, ExpansionError> {
        guard let signal = SignalName(parsing: text) else {
            return .failure(ExpansionError(message: "value '\(text)' for '\(key)' is not a signal name (e.g. TERM, HUP, INT, QUIT, KILL, USR1, USR2)"))
        }
        return .success(signal)
    }

    /// supervisord's `dict_of_key_value_pairs`: `A="1",B=two,C='x,y'`.
    static func environment(_ text: String) -> Result<[EnvironmentVariable], ExpansionError> {
        var result: [EnvironmentVariable] = []
        var characters = Array(text)[...]
        func skipSpace() { while let first = characters.first, first == " " || first == "\t" || first == "\n" { characters.removeFirst() } }
        while true {
            skipSpace()
            guard !characters.isEmpty else { break }
            var name = ""
            while let first = characters.first, first != "=", first != "," { name.append(characters.removeFirst()) }
            name = name.trimmingWhitespace()
            guard characters.first == "=", !name.isEmpty else {
                return .failure(ExpansionError(message: "unexpected end of key/value pairs in value '\(text)' (write K=\"v\",K2=\"v2\")"))
            }
            characters.removeFirst()
            skipSpace()
            var value = ""
            if let quote = characters.first, quote == "\"" || quote == "'" {
                characters.removeFirst()
                while let first = characters.first, first != quote { value.append(characters.removeFirst()) }
                guard characters.first == quote else {
                    return .failure(ExpansionError(message: "no closing quotation in value '\(text)'"))
                }
                characters.removeFirst()
                skipSpace()
            } else {
                while let first = characters.first, first != "," { value.append(characters.removeFirst()) }
                value = value.trimmingWhitespace()
            }
            result.append(EnvironmentVariable(name: name, value: value))
            guard let first = characters.first else { break }
            guard first == "," else {
                return .failure(ExpansionError(message: "expected ',' between key/value pairs in value '\(text)'"))
            }
            characters.removeFirst()
        }
        return .success(result)
    }
}
