import ArgumentParser
import TendConfig

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a config file.",
        discussion: """
            Loads the config file (and its includes) as 'tend up' would, without starting anything, and \
            prints every problem, one a line: 'file:line: message' for errors, 'file:line: warning: \
            message' for warnings (such as an unknown key). Exit status 1 when there is an error; else \
            prints 'FILE: OK'.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let path = try ConfigReader.path(global.configuration)
        let diagnostics = ConfigLoader().check(path: path)
        for diagnostic in diagnostics { Console.line(diagnostic.description) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        Console.line("\(path): OK")
    }
}
