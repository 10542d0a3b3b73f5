import ArgumentParser
import TendAPI
import TendClient

struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Restart the daemon's programs from a fresh read of the config file.",
        discussion: """
            Stops every program, rereads the config file and starts over, in the same daemon process, as \
            supervisorctl's reload does (prints 'Restarted supervisord'). A config with errors is reported \
            and nothing changes.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let connection = try DaemonConnection(global)
        _ = try await ConfigProblems.reporting { () async throws(ClientError) -> APIResponse.Empty in
            try await connection.post("/api/v1/reload", as: APIResponse.Empty.self)
        }
        Console.line("Restarted supervisord")
    }
}
