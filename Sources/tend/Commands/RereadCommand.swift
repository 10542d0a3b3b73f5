import ArgumentParser
import TendAPI
import TendClient

struct RereadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reread",
        abstract: "Reread the config file and show what changed, without applying it.",
        discussion: """
            Prints 'web: available' for a new group, 'web: changed' for a changed one, 'web: disappeared' \
            for a removed one, or 'No config updates to processes'. Nothing changes until 'tend update'. \
            A config with errors is reported, one 'file:line: message' a line, and the running config \
            stays.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let connection = try DaemonConnection(global)
        let changes = try await ConfigProblems.reporting { () async throws(ClientError) -> ConfigChanges in
            try await connection.post("/api/v1/reread", as: ConfigChanges.self)
        }
        for line in SupervisorctlFormat.changeLines(
            added: changes.added, changed: changes.changed, removed: changes.removed)
        {
            Console.line(line)
        }
    }
}
