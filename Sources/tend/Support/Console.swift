import TendPlatform

/// Where the CLI writes: results on stdout, problems on stderr. Writes are unbuffered, so output
/// appears at once (a followed log) and in order.
enum Console {
    /// Writes `line` and a newline to stdout.
    static func line(_ line: String) {
        write(line + "\n")
    }

    /// Writes each of `lines` and a newline to stdout, all in one write (a status of hundreds of programs).
    static func lines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }

    /// Writes `text` to stdout as it is.
    static func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    /// Writes raw bytes to stdout.
    static func write(bytes: [UInt8]) {
        write(bytes, to: Descriptor.standardOutput)
    }

    /// Writes `line` and a newline to stderr.
    static func error(_ line: String) {
        write(Array((line + "\n").utf8), to: Descriptor.standardError)
    }

    /// Whether stderr is a terminal (where a status line can be redrawn in place).
    static var errorIsTerminal: Bool { Descriptor.isTerminal(Descriptor.standardError) }

    /// Redraws the status line on stderr (a terminal): carriage return, the text, clear to the end.
    static func statusLine(_ text: String) {
        write(Array("\r\u{1B}[K\(text)".utf8), to: Descriptor.standardError)
    }

    /// Writes everything, or stops at the first failure (a closed pipe): the CLI has nowhere else to say so.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        _ = bytes.withUnsafeBytes { Descriptor.writeAll(descriptor, from: $0) }
    }
}
