/// The outcome of one probe run: whether it passed, and what it said (the command's output, the HTTP status, the
/// connection error), for the log and `tend status`.
struct ProbeResult: Sendable, Equatable {
    var passed: Bool
    var output: String

    /// At most this many characters of output are kept.
    static let outputLimit = 512

    init(passed: Bool, output: String) {
        self.passed = passed
        let trimmed = output.strippingTrailingNewlines()
        self.output = trimmed.count > Self.outputLimit ? String(trimmed.prefix(Self.outputLimit)) + "…" : trimmed
    }
}

extension String {
    func strippingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
