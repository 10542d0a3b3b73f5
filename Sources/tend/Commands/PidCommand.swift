import ArgumentParser
import TendAPI
import TendClient

struct PidCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pid",
        abstract: "Print the pid of the daemon or of programs.",
        discussion: """
              tend pid           the daemon's pid
              tend pid web       web's pid (0 when it is not running; exit status 7)
              tend pid all       every process's pid, one a line
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("NAME, GROUP:NAME or all (default: the daemon).", valueName: "name"))
    var names: [String] = []

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        if names.isEmpty {
            Console.line(String(try await connection.get("/api/v1/daemon", as: APIResponse.DaemonInfo.self).pid))
        } else if names.contains("all") {
            for process in try await connection.get("/api/v1/programs", as: [ProcessStatus].self) {
                Console.line(String(process.pid))
            }
        } else {
            for name in names {
                let processes: [ProcessStatus]
                do {
                    processes = try await connection.get(
                        "/api/v1/programs?name=\(PathEscaping.escape(name))", as: [ProcessStatus].self)
                } catch {
                    guard error.faultCode == SupervisorError.Code.badName.rawValue else { throw error }
                    Console.line("No such process \(name)")
                    status.value = ExitStatus.generic
                    continue
                }
                for process in processes {
                    Console.line(String(process.pid))
                    if process.pid == 0 { status.value = ExitStatus.notRunning }
                }
            }
        }
        try status.finish()
    }
}
