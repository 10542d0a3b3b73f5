/// Where `tend` looks for a config when none is given: supervisord's search order, then `./tend.conf`.
public enum ConfigSearch {
    /// The candidate paths, in order.
    public static func candidates(workingDirectory: String, executableDirectory: String) -> [String] {
        [
            ConfigFiles.absolute("../etc/supervisord.conf", relativeTo: executableDirectory),
            ConfigFiles.absolute("../supervisord.conf", relativeTo: executableDirectory),
            workingDirectory + "/supervisord.conf",
            workingDirectory + "/etc/supervisord.conf",
            "/etc/supervisord.conf",
            "/etc/supervisor/supervisord.conf",
            workingDirectory + "/tend.conf",
        ]
    }

    /// The first candidate that exists, or `nil`.
    public static func defaultPath(
        workingDirectory: String? = nil, executableDirectory: String? = nil, fileExists: ((String) -> Bool)? = nil
    ) -> String? {
        let exists = fileExists ?? ConfigFiles.exists
        return candidates(
            workingDirectory: workingDirectory ?? ConfigFiles.workingDirectory,
            executableDirectory: executableDirectory ?? ConfigFiles.directoryName(CommandLine.arguments.first ?? ".")
        ).first(where: exists)
    }
}
