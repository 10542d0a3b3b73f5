import ArgumentParser
import TendConfig

/// Where `tend add`, `remove`, and the ncolony forms of `restart` and `restart-all` write: the directories given
/// on the command line, else the config file's `[ncolony]` section.
struct NcolonyPlaces: ParsableArguments {
    @Option(
        name: .customLong("ncolony-config"),
        help: ArgumentHelp("ncolony's config directory (default: [ncolony] config).", valueName: "dir"))
    var configDirectory: String?

    @Option(
        name: .customLong("ncolony-messages"),
        help: ArgumentHelp("ncolony's messages directory (default: [ncolony] messages).", valueName: "dir"))
    var messagesDirectory: String?

    /// Whether a directory was given on the command line.
    var isGiven: Bool { configDirectory != nil || messagesDirectory != nil }

    /// The config directory.
    /// - Throws: `CLIError` when neither the option nor the config file names one.
    func config(_ global: GlobalOptions) throws(CLIError) -> String {
        if let configDirectory { return configDirectory }
        return try section(global).configDirectory
    }

    /// The messages directory.
    /// - Throws: `CLIError` when neither the option nor the config file names one.
    func messages(_ global: GlobalOptions) throws(CLIError) -> String {
        if let messagesDirectory { return messagesDirectory }
        return try section(global).messagesDirectory
    }

    private func section(_ global: GlobalOptions) throws(CLIError) -> NcolonySettings {
        let path = try ConfigReader.path(global.configuration)
        let configuration: Configuration
        do { configuration = try ConfigReader.load(path) } catch {
            throw CLIError("can't read the config: \(error.errors.first?.description ?? "\(error)")")
        }
        guard let settings = configuration.ncolony else {
            throw CLIError("\(path) has no [ncolony] section: give --ncolony-config and --ncolony-messages")
        }
        return settings
    }
}
