/// Python's `%` formatting with a mapping, as supervisord applies it to config values (`value % expansions`).
///
/// Supported: `%%` (a literal `%`) and `%(name)` followed by optional flags (`-`, `+`, space, `#`, `0`),
/// a width, a `.precision`, a length modifier (`h`, `l`, `L`, ignored as in Python) and a conversion:
/// `s` (text), `r`/`a` (Python's `repr`), `d`/`i`/`u` (decimal), `o`, `x`, `X`. So `%(process_num)02d` is
/// `07` for process 7, `%(program_name)-8s` pads to 8 columns, and `%(here).4s` keeps 4 characters.
///
/// As in Python, `d`, `i`, `u`, `o`, `x` and `X` need a number: `%(process_num)d` works, `%(ENV_PORT)d` is an
/// error because environment values are text. A `%` that starts neither `%%` nor `%(name)…` is an error, and
/// so is a name that is not in the mapping.
struct Expansion: Sendable {
    /// A value that can be expanded: text, or a number (`process_num`, `numprocs`).
    enum Value: Sendable, Hashable {
        case text(String)
        case number(Int)
    }

    /// The names that may be expanded.
    var values: [String: Value]

    init(_ values: [String: Value] = [:]) {
        self.values = values
    }

    /// This expansion with `more` added (replacing names already present).
    func adding(_ more: [String: Value]) -> Expansion {
        Expansion(values.merging(more) { $1 })
    }

    /// This expansion with `ENV_<name>` added for each variable.
    func addingEnvironment(_ variables: [EnvironmentVariable]) -> Expansion {
        var result = self
        for variable in variables { result.values["ENV_" + variable.name] = .text(variable.value) }
        return result
    }

    /// The expanded text, or what is wrong with it.
    func expand(_ text: String) -> Result<String, ConfigValueError> {
        guard text.contains("%") else { return .success(text) }
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "%" else {
                output.append(characters[index])
                index += 1
                continue
            }
            switch parseSpecifier(characters, at: index + 1) {
            case .success(let (specifier, end)):
                switch format(specifier) {
                case .success(let formatted): output += formatted
                case .failure(let error): return .failure(error)
                }
                index = end
            case .failure(let error):
                return .failure(error)
            }
        }
        return .success(output)
    }

    /// One `%(name)…` or `%%`.
    struct Specifier {
        var name: String?
        var flags: Set<Character> = []
        var width: Int?
        var precision: Int?
        var conversion: Character
    }

    /// Reads the specifier that starts after a `%` at `start`; returns it and the index after it.
    private func parseSpecifier(_ characters: [Character], at start: Int) -> Result<(Specifier, Int), ConfigValueError>
    {
        var index = start
        guard index < characters.count else {
            return .failure(ConfigValueError("a '%' ends the value; write %% for a literal %"))
        }
        if characters[index] == "%" { return .success((Specifier(conversion: "%"), index + 1)) }
        guard characters[index] == "(" else {
            return .failure(
                ConfigValueError("'%\(characters[index])' is not an expansion; write %(name)s, or %% for a literal %"))
        }
        // Python matches parentheses, so a name may itself contain balanced ones.
        var depth = 1
        var nameEnd = index + 1
        while nameEnd < characters.count {
            if characters[nameEnd] == "(" { depth += 1 }
            if characters[nameEnd] == ")" {
                depth -= 1
                if depth == 0 { break }
            }
            nameEnd += 1
        }
        guard nameEnd < characters.count else {
            return .failure(ConfigValueError("'%(' has no closing ')'; write %(name)s, or %% for a literal %"))
        }
        var specifier = Specifier(name: String(characters[(index + 1)..<nameEnd]), conversion: "s")
        index = nameEnd + 1
        while index < characters.count, "-+ #0".contains(characters[index]) {
            specifier.flags.insert(characters[index])
            index += 1
        }
        specifier.width = Self.readNumber(characters, &index)
        if index < characters.count, characters[index] == "." {
            index += 1
            specifier.precision = Self.readNumber(characters, &index) ?? 0
        }
        while index < characters.count, "hlL".contains(characters[index]) { index += 1 }
        guard index < characters.count else {
            return .failure(
                ConfigValueError("%(\(specifier.name ?? "")) is incomplete: add a conversion such as s or d"))
        }
        specifier.conversion = characters[index]
        return .success((specifier, index + 1))
    }

    private static func readNumber(_ characters: [Character], _ index: inout Int) -> Int? {
        var digits = ""
        while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
            digits += String(digit)
            index += 1
        }
        // Python allows any width; Tend caps it so that a typo cannot ask for gigabytes of padding.
        return digits.isEmpty ? nil : min(Int(digits.prefix(9)) ?? 0, 4096)
    }

    private func format(_ specifier: Specifier) -> Result<String, ConfigValueError> {
        guard let name = specifier.name else { return .success("%") }
        guard let value = values[name] else {
            return .failure(ConfigValueError("unknown expansion %(\(name)) (available: \(availableNames))"))
        }
        switch (specifier.conversion, value) {
        case ("s", .text(let text)): return .success(Self.pad(Self.truncate(text, specifier), specifier))
        case ("s", .number(let number)): return .success(Self.pad(Self.truncate(String(number), specifier), specifier))
        case ("r", .text(let text)), ("a", .text(let text)):
            return .success(Self.pad(Self.truncate(Self.repr(text), specifier), specifier))
        case ("r", .number(let number)), ("a", .number(let number)):
            return .success(Self.pad(Self.truncate(String(number), specifier), specifier))
        case ("d", .number(let number)), ("i", .number(let number)), ("u", .number(let number)):
            return .success(Self.formatNumber(number, radix: 10, prefix: "", specifier))
        case ("o", .number(let number)): return .success(Self.formatNumber(number, radix: 8, prefix: "0o", specifier))
        case ("x", .number(let number)): return .success(Self.formatNumber(number, radix: 16, prefix: "0x", specifier))
        case ("X", .number(let number)):
            return .success(Self.formatNumber(number, radix: 16, prefix: "0X", specifier, uppercase: true))
        case ("d", .text), ("i", .text), ("u", .text), ("o", .text), ("x", .text), ("X", .text):
            return .failure(
                ConfigValueError(
                    "%(\(name))\(specifier.conversion) needs a number, but \(name) is text; use %(\(name))s"))
        default:
            return .failure(
                ConfigValueError("unsupported format character '\(specifier.conversion)' after %(\(name)) (use s or d)")
            )
        }
    }

    private var availableNames: String {
        var names = values.keys.filter { !$0.hasPrefix("ENV_") }.sorted()
        names.insert("ENV_<variable>", at: 0)
        return names.joined(separator: ", ")
    }

    private static func truncate(_ text: String, _ specifier: Specifier) -> String {
        guard let precision = specifier.precision else { return text }
        return String(text.prefix(precision))
    }

    private static func pad(_ text: String, _ specifier: Specifier) -> String {
        guard let width = specifier.width, width > text.count else { return text }
        let padding = String(repeating: " ", count: width - text.count)
        return specifier.flags.contains("-") ? text + padding : padding + text
    }

    private static func formatNumber(
        _ number: Int, radix: Int, prefix: String, _ specifier: Specifier, uppercase: Bool = false
    ) -> String {
        var digits = String(number.magnitude, radix: radix, uppercase: uppercase)
        if let precision = specifier.precision, precision > digits.count {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        var sign = number < 0 ? "-" : specifier.flags.contains("+") ? "+" : specifier.flags.contains(" ") ? " " : ""
        if specifier.flags.contains("#") { sign += prefix }
        guard let width = specifier.width, width > sign.count + digits.count else { return sign + digits }
        let fill = width - sign.count - digits.count
        if specifier.flags.contains("-") { return sign + digits + String(repeating: " ", count: fill) }
        if specifier.flags.contains("0") { return sign + String(repeating: "0", count: fill) + digits }
        return String(repeating: " ", count: fill) + sign + digits
    }

    /// Python's `repr` of a string: single quotes unless the text holds a `'` and no `"`.
    private static func repr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case quote: result += "\\" + String(quote)
            default: result.append(character)
            }
        }
        result.append(quote)
        return result
    }
}

/// A config value that cannot be used: what is wrong and, where it helps, what to write instead.
struct ConfigValueError: Error, Sendable, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
