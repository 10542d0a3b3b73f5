/// A signal named as supervisord accepts it: `TERM`, `SIGTERM`, or a number.
public struct SignalName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Linux signal number.
    public var number: Int32

    public init(number: Int32) {
        self.number = number
    }

    /// Parses `TERM`, `sigterm`, `SIGTERM` or `15`; `nil` for anything else.
    public init?(parsing text: String) {
        let upper = text.trimmingWhitespace().uppercased()
        if let number = Int32(upper), number > 0, number < 65 {
            self.number = number
            return
        }
        let bare = upper.hasPrefix("SIG") ? String(upper.dropFirst(3)) : upper
        guard let number = Self.numbers[bare] else { return nil }
        self.number = number
    }

    /// The name without `SIG`, e.g. `TERM`; the number for signals without a name.
    public var name: String {
        Self.numbers.first(where: { $0.value == number })?.key ?? String(number)
    }

    /// `SIGTERM`, as supervisord prints signals.
    public var description: String {
        Self.numbers.contains(where: { $0.value == number }) ? "SIG" + name : "signal \(number)"
    }

    public static let term = SignalName(number: 15)
    public static let kill = SignalName(number: 9)
    public static let hangup = SignalName(number: 1)
    public static let interrupt = SignalName(number: 2)
    public static let quit = SignalName(number: 3)
    public static let user2 = SignalName(number: 12)

    /// Linux (x86_64 and aarch64) signal numbers.
    static let numbers: [String: Int32] = [
        "HUP": 1, "INT": 2, "QUIT": 3, "ILL": 4, "TRAP": 5, "ABRT": 6, "BUS": 7, "FPE": 8, "KILL": 9,
        "USR1": 10, "SEGV": 11, "USR2": 12, "PIPE": 13, "ALRM": 14, "TERM": 15, "STKFLT": 16, "CHLD": 17,
        "CONT": 18, "STOP": 19, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "XCPU": 24, "XFSZ": 25,
        "VTALRM": 26, "PROF": 27, "WINCH": 28, "IO": 29, "PWR": 30, "SYS": 31,
    ]
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    package func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
