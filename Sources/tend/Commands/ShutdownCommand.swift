import ArgumentParser
import TendAPI

struct ShutdownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shutdown",
        abstract: "Stop every program, then the daemon.",
        discussion: """
            Asks the daemon to stop every program (in reverse priority order) and exit, and prints \
            'Shut down' once it accepted, as supervisorctl does. 'tend down' also waits until the \
            daemon has exited.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let connection = try DaemonConnection(global)
        _ = try await connection.post("/api/v1/shutdown", as: APIResponse.Empty.self)
        Console.line("Shut down")
    }
}
