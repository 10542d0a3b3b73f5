import Testing

@testable import TendConfig

/// `%(name)s` expansion, with expected values taken from Python's `%` operator.
struct ExpansionTests {
    private let expansion = Expansion([
        "a": .number(7), "n": .number(-3), "b": .text("xyz"), "q": .text("it's"), "ENV_HOME": .text("/home/t"),
    ])

    private func expand(_ text: String) -> String? {
        try? expansion.expand(text).get()
    }

    @Test(arguments: [
        ("%(a)05.3d", "00007"), ("%(b)-6s|", "xyz   |"), ("%(b).2s", "xy"), ("%(a)#x", "0x7"), ("%(a)+d", "+7"),
        ("%(n)05d", "-0003"), ("%(a)-4d|", "7   |"), ("%(a)X", "7"), ("%(a)#o", "0o7"), ("%(b)r", "'xyz'"),
        ("%(q)r", "\"it's\""), ("%(a)s", "7"), ("%(a)3s", "  7"), ("%(b)05s", "  xyz"), ("%(a) d", " 7"),
        ("%(a)ld", "7"), ("%(a)02d", "07"), ("%(a)d", "7"), ("%(a)i", "7"),
    ])
    func formatsAsPythonDoes(format: String, expected: String) {
        #expect(expand(format) == expected)
    }

    @Test func textWithoutPercentIsUnchangedAndDoublePercentIsOne() {
        #expect(expand("plain text") == "plain text")
        #expect(expand("100%% of %(b)s, %(ENV_HOME)s") == "100% of xyz, /home/t")
    }

    @Test func unknownNamesAreErrorsThatNameThemAndListTheKnownOnes() {
        let error = expansion.expand("run %(nope)s").failureMessage
        #expect(error == "unknown expansion %(nope) (available: ENV_<variable>, a, b, n, q)")
    }

    @Test func numericFormatsOfTextAreErrorsAsInPython() {
        #expect(expansion.expand("%(b)d").failureMessage == "%(b)d needs a number, but b is text; use %(b)s")
    }

    @Test func strayPercentSignsAreErrors() {
        #expect(expansion.expand("50% off").failureMessage?.contains("write %(name)s, or %% for a literal %") == true)
        #expect(expansion.expand("100%").failureMessage == "a '%' ends the value; write %% for a literal %")
        #expect(expansion.expand("%(b").failureMessage?.contains("no closing ')'") == true)
        #expect(expansion.expand("%(b)").failureMessage?.contains("incomplete") == true)
        #expect(expansion.expand("%(b)y").failureMessage?.contains("unsupported format character 'y'") == true)
    }

    @Test func addingEnvironmentMakesEnvNames() throws {
        let more = expansion.addingEnvironment([EnvironmentVariable(name: "X", value: "1")])
        #expect(try more.expand("%(ENV_X)s").get() == "1")
    }
}

extension Result where Failure == ConfigValueError {
    /// The failure's message, or `nil` on success.
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
