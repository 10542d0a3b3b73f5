/// Where Tend looks for a config when none is given: supervisord's search order, then `./tend.conf`.
public enum ConfigSearch {
    /// The candidate paths, in order: `../etc/supervisord.conf` and `../supervisord.conf` next to the
    /// executable's directory, `supervisord.conf` and `etc/supervisord.conf` in the working directory,
    /// `/etc/supervisord.conf`, `/etc/supervisor/supervisord.conf`, and last `tend.conf` in the working
    /// directory.
    public static func candidates(workingDirectory: String, executableDirectory: String) -> [String] {
        [
            ConfigFiles.absolute("../etc/supervisord.conf", relativeTo: executableDirectory),
            ConfigFiles.absolute("../supervisord.conf", relativeTo: executableDirectory),
            ConfigFiles.absolute("supervisord.conf", relativeTo: workingDirectory),
            ConfigFiles.absolute("etc/supervisord.conf", relativeTo: workingDirectory),
            "/etc/supervisord.conf",
            "/etc/supervisor/supervisord.conf",
            ConfigFiles.absolute("tend.conf", relativeTo: workingDirectory),
        ]
    }

    /// The socket of a daemon run without a config file (ncolony mode): `tend.sock` in its working directory.
    /// `tend` looks there when it finds no config file either.
    public static func standaloneSocket(in workingDirectory: String) -> String { workingDirectory + "/tend.sock" }

    /// The first candidate that exists, or `nil` when there is none.
    /// - Parameters:
    ///   - workingDirectory: defaults to this process's working directory.
    ///   - executableDirectory: the directory holding the `tend` binary; defaults to this process's.
    ///   - fileExists: the existence test; defaults to the file system's.
    public static func defaultPath(
        workingDirectory: String? = nil, executableDirectory: String? = nil, fileExists: ((String) -> Bool)? = nil
    ) -> String? {
        let exists = fileExists ?? ConfigFiles.exists
        return candidates(
            workingDirectory: workingDirectory ?? ConfigFiles.workingDirectory,
            executableDirectory: executableDirectory ?? ConfigFiles.executableDirectory
        ).first(where: exists)
    }
}
