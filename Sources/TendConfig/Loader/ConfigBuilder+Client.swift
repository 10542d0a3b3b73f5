extension ConfigBuilder {
    /// The part of the configuration a client needs: the daemon's addresses and credentials (`[unix_http_server]`,
    /// `[inet_http_server]`, `[supervisorctl]`) and `[supervisord] pidfile`, with supervisord's defaults for the
    /// rest. Problems anywhere else (a broken `[program:x]`) are left to the daemon; they never keep a client
    /// from finding it.
    /// - Returns: `nil` when the main file cannot be read.
    mutating func buildForClient() -> Configuration? {
        readFiles()
        guard !files.isEmpty else { return nil }
        inheritDefaults()
        let temporaryDirectory = ConfigFiles.temporaryDirectory(
            environment: loader.environment, workingDirectory: loader.workingDirectory)
        var configuration = Configuration(
            path: path,
            daemon: DaemonSettings(workingDirectory: loader.workingDirectory, temporaryDirectory: temporaryDirectory))
        for section in sections where section.kind == "supervisord" {
            configuration.daemon = readDaemon(section, temporaryDirectory: temporaryDirectory)
        }
        readServerSections(into: &configuration)
        configuration.files = files
        return configuration
    }
}
