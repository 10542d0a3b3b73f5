import ArgumentParser
import TendAPI
import TendClient

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Show the end of a program's log.",
        usage: "tend tail [-f] [-BYTES] <name> [stdout|stderr]",
        discussion: """
            Prints the last 1600 bytes of a process's stdout log (or stderr), as supervisorctl does.

              tend tail web            last 1600 bytes of web's stdout
              tend tail -100 web       last 100 bytes
              tend tail web stderr     last 1600 bytes of web's stderr
              tend tail -f web         the end of the log, then everything web writes, until Ctrl-C
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .short, help: "Follow the log: print what the program writes until Ctrl-C.")
    var follow = false

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("[-BYTES] NAME [stdout|stderr]", valueName: "name"))
    var arguments: [String] = []

    func run() async throws {
        let (name, channel, bytes) = try parseArguments()
        let connection = try DaemonConnection(global)
        let path = "/api/v1/programs/\(PathEscaping.escape(name))/log"
        do {
            if follow {
                Console.line("==> Press Ctrl-C to exit <==")
                for try await chunk in connection.client.stream("\(path)/follow?stream=\(channel)&bytes=\(bytes)") {
                    Console.write(bytes: chunk)
                }
            } else {
                Console.write(
                    try await connection.get("\(path)?stream=\(channel)&length=\(bytes)", as: LogChunk.self).text)
            }
        } catch let error as ClientError where error.kind == .server {
            switch error.faultCode.flatMap(SupervisorError.Code.init(rawValue:)) {
            case .badName: Console.line("\(name): ERROR (no such process name)")
            case .noFile: Console.line("\(name): ERROR (no log file)")
            case .failed: Console.line("\(name): ERROR (unknown error reading log)")
            default: throw error
            }
            throw ExitCode.failure
        }
    }

    /// supervisorctl's rules: an optional `-BYTES` first, the name, then an optional channel.
    private func parseArguments() throws(CLIError) -> (name: String, channel: String, bytes: Int) {
        var rest = arguments
        var bytes = 1600
        if let first = rest.first, first.hasPrefix("-") {
            guard let count = Int(first.dropFirst()), count >= 0 else {
                throw CLIError("bad argument \(first): use -f, or -BYTES such as -100")
            }
            bytes = count
            rest.removeFirst()
        }
        guard let name = rest.first else {
            throw CLIError("tail requires a process name: tend tail [-f] [-BYTES] NAME [stdout|stderr]")
        }
        guard rest.count <= 2 else {
            throw CLIError("too many arguments: tend tail [-f] [-BYTES] NAME [stdout|stderr]")
        }
        let channel = rest.count == 2 ? rest[1].lowercased() : "stdout"
        guard channel == "stdout" || channel == "stderr" else {
            throw CLIError("bad channel '\(channel)': use stdout or stderr")
        }
        return (name, channel, bytes)
    }
}
