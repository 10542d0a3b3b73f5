/// supervisord's `dict_of_key_value_pairs`: reads `KEY=value,KEY2="value 2"` (the `environment` keys).
///
/// supervisord tokenizes the text with Python's `shlex` in non-POSIX mode, where a word is made of letters,
/// digits and `_/.+-():` (ASCII only); a quoted string is one token, quotes included; every other character
/// is a token of its own; whitespace separates tokens; and `#` starts a comment that runs to the end of the
/// line. It then reads `key`, `=`, `value` and skips one token (meant to be the comma), over and over; each
/// value loses the quote characters at its ends. This type does the same, so every value supervisord
/// accepts reads the same here. Where supervisord silently reads something else than a comma as the
/// separator (as in `A=x y` or `PASS=a@b,B=1`), the result is the same and a warning says what happened.
enum KeyValuePairs {
    /// The pairs, in order, a later key replacing the value of an earlier one in place (as a Python dict).
    struct Parsed: Sendable, Equatable {
        var variables: [EnvironmentVariable]
        /// Separators that were not commas: worth a warning, since part of the text was dropped.
        var oddSeparators: [(after: String, separator: String)]

        static func == (lhs: Parsed, rhs: Parsed) -> Bool {
            lhs.variables == rhs.variables && lhs.oddSeparators.map(\.after) == rhs.oddSeparators.map(\.after)
                && lhs.oddSeparators.map(\.separator) == rhs.oddSeparators.map(\.separator)
        }
    }

    /// Parses `text`; fails as supervisord does (an unterminated quote, a key without `= value`).
    static func parse(_ text: String) -> Result<Parsed, ConfigValueError> {
        let tokens: [String]
        switch tokenize(text) {
        case .success(let result): tokens = result
        case .failure(let error): return .failure(error)
        }
        var parsed = Parsed(variables: [], oddSeparators: [])
        var index = 0
        while index < tokens.count {
            guard index + 2 < tokens.count, tokens[index + 1] == "=" else {
                return .failure(
                    ConfigValueError(
                        "unexpected end of key/value pairs in '\(text)' (write KEY=\"value\",KEY2=\"value2\")"))
            }
            let name = tokens[index]
            let value = tokens[index + 2].trimmingQuotes()
            parsed.variables.setVariable(EnvironmentVariable(name: name, value: value))
            if index + 3 < tokens.count, tokens[index + 3] != "," {
                parsed.oddSeparators.append((after: "\(name)=\(value)", separator: tokens[index + 3]))
            }
            index += 4
        }
        return .success(parsed)
    }

    private static let wordCharacters = Set("abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():")

    /// Python's `shlex.shlex(text)` tokens with supervisord's extra word characters.
    static func tokenize(_ text: String) -> Result<[String], ConfigValueError> {
        enum State { case space, word, quoted(Character) }
        var tokens: [String] = []
        var token = ""
        var state = State.space
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch state {
            case .space:
                if character.isShlexSpace { continue }
                if character == "#" {
                    skipComment(&characters)
                } else if wordCharacters.contains(character) {
                    token = String(character)
                    state = .word
                } else if character == "'" || character == "\"" {
                    token = String(character)
                    state = .quoted(character)
                } else {
                    tokens.append(String(character))
                }
            case .word:
                if character.isShlexSpace {
                    tokens.append(token)
                    state = .space
                } else if character == "#" {
                    // Non-POSIX shlex drops the rest of the line and goes on with the same word.
                    skipComment(&characters)
                } else if wordCharacters.contains(character) || character == "'" || character == "\"" {
                    token.append(character)
                } else {
                    tokens.append(token)
                    characters = [character] + characters
                    state = .space
                }
            case .quoted(let quote):
                token.append(character)
                if character == quote {
                    tokens.append(token)
                    state = .space
                }
            }
        }
        switch state {
        case .space: break
        case .word: tokens.append(token)
        case .quoted: return .failure(ConfigValueError("no closing quotation in '\(text)'"))
        }
        return .success(tokens)
    }

    private static func skipComment(_ characters: inout ArraySlice<Character>) {
        while let next = characters.popFirst(), next != "\n", next != "\r\n" {}
    }
}

extension Character {
    /// `shlex`'s whitespace: space, tab, carriage return, newline.
    fileprivate var isShlexSpace: Bool { self == " " || self == "\t" || self == "\r" || self == "\n" || self == "\r\n" }
}

extension String {
    /// The text without `'` and `"` characters at either end (Python's `str.strip('\'"')`).
    fileprivate func trimmingQuotes() -> String {
        let isQuote: (Character) -> Bool = { $0 == "'" || $0 == "\"" }
        guard let start = firstIndex(where: { !isQuote($0) }), let end = lastIndex(where: { !isQuote($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}

extension Array where Element == EnvironmentVariable {
    /// Sets `variable` as a Python dict would: an existing name keeps its place and takes the new value.
    mutating func setVariable(_ variable: EnvironmentVariable) {
        if let index = firstIndex(where: { $0.name == variable.name }) {
            self[index].value = variable.value
        } else {
            append(variable)
        }
    }

    /// These variables with `others` set on top, in order.
    func overlaid(with others: [EnvironmentVariable]) -> [EnvironmentVariable] {
        var result = self
        for variable in others { result.setVariable(variable) }
        return result
    }
}
