import ArgumentParser
import TendAPI

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print tend's version.")

    func run() {
        Console.line(TendVersion.current)
    }
}
