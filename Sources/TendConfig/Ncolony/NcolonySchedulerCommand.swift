/// An ncolony program that runs `python -m twisted ncolony-scheduler --arg=CMD --arg=… --frequency=F --timeout=T
/// --grace=G`: Tend runs `CMD …` itself as a scheduled program (`every F s`, `timeout = T`, `grace = G`) instead of
/// keeping a Python scheduler process alive for it.
///
/// As ncolony's `schedulelib`, the four options are required (else the file is an ordinary program, which is
/// what ncolony-scheduler itself would refuse); options are `--name=value` or `--name value`.
struct NcolonySchedulerCommand: Equatable {
    var arguments: [String]
    var frequency: Double
    var timeout: Double
    var grace: Double

    /// The scheduled command `args` stands for, or `nil` when it is not an ncolony-scheduler command line.
    init?(_ args: [String]) {
        guard let start = args.firstIndex(of: "ncolony-scheduler"), start >= 3, args[start - 1] == "twisted",
            args[start - 2] == "-m", args[0].split(separator: "/").last?.hasPrefix("python") == true
        else { return nil }
        var commandLine: [String] = []
        var numbers: [String: Double] = [:]
        var index = start + 1
        while index < args.count {
            let option = args[index]
            guard option.hasPrefix("--") else { return nil }
            let name: String
            let value: String
            if let equals = option.firstIndex(of: "=") {
                name = String(option[option.index(option.startIndex, offsetBy: 2)..<equals])
                value = String(option[option.index(after: equals)...])
            } else {
                guard index + 1 < args.count else { return nil }
                name = String(option.dropFirst(2))
                index += 1
                value = args[index]
            }
            index += 1
            if name == "arg" {
                commandLine.append(value)
            } else if ["frequency", "timeout", "grace"].contains(name), let number = Int(value), number > 0,
                Double(number) <= ValueParsers.maximumSeconds
            {
                numbers[name] = Double(number)
            } else {
                return nil
            }
        }
        guard !commandLine.isEmpty, let frequency = numbers["frequency"], let timeout = numbers["timeout"],
            let grace = numbers["grace"]
        else { return nil }
        self.arguments = commandLine
        self.frequency = frequency
        self.timeout = timeout
        self.grace = grace
    }

    /// The schedule settings of the command.
    var settings: ScheduleSettings {
        var settings = ScheduleSettings(schedule: .every(milliseconds: Int64(frequency * 1000)))
        settings.timeout = timeout
        return settings
    }
}
