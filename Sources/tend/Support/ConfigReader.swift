import TendConfig

/// Finds and reads the config file for a command.
enum ConfigReader {
    /// The file given with `-c`, else the first one found in supervisord's search order, then
    /// `./tend.conf`.
    /// - Throws: `CLIError` when no file is given and none is found.
    static func path(_ explicit: String?) throws(CLIError) -> String {
        if let explicit { return explicit }
        guard let found = ConfigSearch.defaultPath() else {
            throw CLIError(
                "no config file found (searched as supervisord does, then ./tend.conf); give one with -c FILE")
        }
        return found
    }

    /// The whole configuration.
    /// - Throws: `ConfigError` with every problem when the file does not load.
    static func load(_ path: String) throws(ConfigError) -> Configuration {
        try ConfigLoader().load(path: path)
    }

    /// The configuration as far as a client needs it (the daemon's address, credentials, pidfile), read
    /// as supervisorctl reads it (`ConfigLoader.loadClientSettings`), so that neither the cost of
    /// validating every program nor a broken program section stands between `tend` and the daemon.
    /// - Throws: `CLIError` when the file cannot be read at all.
    static func loadForClient(_ path: String) throws(CLIError) -> Configuration {
        do {
            return try ConfigLoader().loadClientSettings(path: path)
        } catch {
            throw CLIError("can't read the config: \(error.errors.first?.description ?? "\(error)")")
        }
    }
}
