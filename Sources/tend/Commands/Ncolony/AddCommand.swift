import ArgumentParser
import TendAPI
import TendConfig
import TendPlatform

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add (or replace) a program in ncolony's config directory.",
        discussion: """
            As 'python -m ncolony ctl add': writes the file NAME in the config directory, byte for byte as \
            ncolony writes it, so that either tool can manage a directory the other reads. A running Tend (or \
            ncolony) starts the program; a file that changes restarts it. The file is written whole under \
            another name, then renamed, so no reader sees half of it.

            A bad --env or --extras is an error, and nothing is written.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var places: NcolonyPlaces

    @Argument(help: "The program's name (the file's name).")
    var name: String

    @Option(help: ArgumentHelp("The executable.", valueName: "command"))
    var cmd: String

    @Option(name: .customLong("arg"), help: ArgumentHelp("An argument (repeat for more).", valueName: "argument"))
    var arguments: [String] = []

    @Option(
        name: .customLong("env"),
        help: ArgumentHelp("An environment variable NAME=VALUE (repeat for more).", valueName: "pair"))
    var environment: [String] = []

    @Option(help: "Run as this uid (the daemon must be root).")
    var uid: Int?

    @Option(help: "Run with this gid (the daemon must be root).")
    var gid: Int?

    @Option(
        help: ArgumentHelp("A JSON object (or a file holding one) of more keys for the file.", valueName: "json|file"))
    var extras: String?

    @Option(
        name: .customLong("env-inherit"),
        help: ArgumentHelp("A variable of the daemon's environment to pass on (repeat for more).", valueName: "name"))
    var environmentInherit: [String] = []

    func run() throws {
        var file = NcolonyProgramFile(name: name, command: cmd, arguments: arguments)
        file.environment = environment.isEmpty ? nil : environment
        file.uid = uid
        file.gid = gid
        file.environmentInherit = environmentInherit.isEmpty ? nil : environmentInherit
        if let extras { file.extras = try Self.json(extras) }
        let text: String
        do { text = try file.text() } catch { throw CLIError(error.message) }
        let directory = try places.config(global)
        do {
            try TextFile.writeAtomically(text, to: directory + "/" + name)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// `--extras`: JSON text, else the JSON of the file it names (as ncolony's `--extras FILE`).
    private static func json(_ argument: String) throws(CLIError) -> JSONValue {
        if let value = try? JSONParser.parse(argument) { return value }
        guard let text = TextFile.read(argument) else {
            throw CLIError("--extras '\(argument)' is neither a JSON object nor a readable file")
        }
        do { return try JSONParser.parse(text) } catch {
            throw CLIError("--extras \(argument) is not JSON: \(error)")
        }
    }
}
