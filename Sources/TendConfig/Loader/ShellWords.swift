/// Splits a `command` into words as supervisord does at spawn time (Python's `shlex.split`, POSIX mode).
///
/// Spaces, tabs and newlines separate words. Single quotes keep everything literally. Double quotes keep
/// everything but `\"` and `\\`, which lose their backslash (any other backslash stays). Outside quotes a
/// backslash makes the next character literal. Quotes may join parts of one word (`a'b c'd` is `ab cd`),
/// and `''` is an empty word. No shell features: no variables, globs, pipes or comments; the program is
/// exec'd directly. An unterminated quote or a final lone backslash is an error.
enum ShellWords {
    /// The words of `text`, or what is wrong with it.
    static func split(_ text: String) -> Result<[String], ConfigValueError> {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n", "\r", "\r\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'":
                inWord = true
                guard readQuoted(until: "'", from: &iterator, into: &current, escapes: false) else {
                    return .failure(ConfigValueError("no closing quotation in command: \(text)"))
                }
            case "\"":
                inWord = true
                guard readQuoted(until: "\"", from: &iterator, into: &current, escapes: true) else {
                    return .failure(ConfigValueError("no closing quotation in command: \(text)"))
                }
            case "\\":
                inWord = true
                guard let escaped = iterator.next() else {
                    return .failure(
                        ConfigValueError("no escaped character after the final backslash in command: \(text)"))
                }
                current.append(escaped)
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return .success(words)
    }

    /// Appends the quoted text up to `quote`; `false` when the quote is never closed.
    private static func readQuoted(
        until quote: Character, from iterator: inout String.Iterator, into word: inout String, escapes: Bool
    ) -> Bool {
        while let next = iterator.next() {
            if next == quote { return true }
            if escapes, next == "\\" {
                guard let escaped = iterator.next() else { return false }
                if escaped != "\"" && escaped != "\\" { word.append("\\") }
                word.append(escaped)
                continue
            }
            word.append(next)
        }
        return false
    }
}
