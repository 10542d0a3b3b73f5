import ArgumentParser
import TendAPI
import TendClient
import TendPlatform

struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop every program and the daemon, and wait until it has exited.",
        discussion: """
            Like 'tend shutdown', but returns only once the daemon process is gone (when it runs on this \
            machine), so that a script can start another right after. Prints 'Shut down'.

            With --timeout, gives up after that many seconds (exit status 1); 'tend kill' then ends \
            everything at once.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "Give up waiting after this many seconds (default: wait as long as it takes).", valueName: "seconds"))
    var timeout: Double?

    func run() async throws {
        let connection = try DaemonConnection(global)
        let daemon = try await connection.get("/api/v1/daemon", as: APIResponse.DaemonInfo.self)
        let watcher = connection.client.endpoint.isLocal ? ProcessWatcher(pid: daemon.pid) : nil
        _ = try await connection.post("/api/v1/shutdown", as: APIResponse.Empty.self)
        if let watcher {
            let limit = timeout.map { Duration.milliseconds(Int64($0 * 1000)) }
            guard watcher.waitForExit(timeout: limit) else {
                throw CLIError(
                    "the daemon (pid \(daemon.pid)) is still running after \(timeout ?? 0) s; 'tend kill' ends it at once"
                )
            }
        }
        Console.line("Shut down")
    }
}
