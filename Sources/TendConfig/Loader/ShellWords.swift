/// Splits a command line into words as POSIX `shlex.split` does: whitespace separates words; single
/// quotes keep everything literally; double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``;
/// a backslash outside quotes escapes the next character. No shell features (no variables, globs or
/// pipes): the program is exec'd directly.
enum ShellWords {
    /// The words, or a message when a quote is left open.
    static func split(_ text: String) -> Result<[String], ExpansionError> {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" {
                        closed = true
                        break
                    }
                    current.append(next)
                }
                if !closed { return .failure(ExpansionError(message: "no closing quotation in command: \(text)")) }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\", let escaped = iterator.next() {
                        if !"\"\\".contains(escaped) { current.append("\\") }
                        current.append(escaped)
                        continue
                    }
                    current.append(next)
                }
                if !closed { return .failure(ExpansionError(message: "no closing quotation in command: \(text)")) }
            case "\\":
                inWord = true
                guard let escaped = iterator.next() else {
                    return .failure(ExpansionError(message: "no escaped character after a final backslash in command: \(text)"))
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
}
