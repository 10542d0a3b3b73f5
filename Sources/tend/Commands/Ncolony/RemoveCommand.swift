import ArgumentParser
import TendConfig
import TendPlatform

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a program from ncolony's config directory.",
        discussion: """
            As 'python -m ncolony ctl remove': deletes the file NAME of the config directory; a running Tend \
            (or ncolony) stops the program.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var places: NcolonyPlaces

    @Argument(help: "The program's name (the file's name).")
    var name: String

    func run() throws {
        guard NcolonyProgramFile.isValidName(name) else { throw CLIError("'\(name)' cannot name a program file") }
        let path = try places.config(global) + "/" + name
        guard DaemonProcess.fileExists(path) else { throw CLIError("no program file \(path)") }
        DaemonProcess.remove(path)
    }
}
