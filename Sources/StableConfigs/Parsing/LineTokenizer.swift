/// Splits input text into lines and lines into whitespace-separated tokens, as the reference parser does.
enum LineTokenizer {
    /// The lines of `text` without their line terminators (`\n` or `\r\n`).
    static func lines(of text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? String(line.dropLast()) : String(line)
        }
    }

    /// The whitespace-separated tokens of `line`.
    static func tokens(of line: String) -> [Substring] {
        line.split(whereSeparator: \.isWhitespace)
    }

    /// `token` cut at its first `#`, and whether it had one; `nil` when the token starts with `#`.
    static func cutComment(_ token: Substring) -> (token: Substring, hadComment: Bool)? {
        guard let hash = token.firstIndex(of: "#") else { return (token, false) }
        if hash == token.startIndex { return nil }
        return (token[..<hash], true)
    }
}
