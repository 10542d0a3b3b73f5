/// `[unix_http_server]`, `[inet_http_server]` and `[supervisorctl]`.
///
/// Values may use `%(here)s` and `%(ENV_X)s` (server sections also see `[supervisord] environment`, as in
/// supervisord). Credentials need both `username` and `password`. The socket `file` and a `unix://`
/// `serverurl` are made absolute against the working directory; `chown` must name an existing user (and
/// group); `chmod` is octal (default 0700). A bare inet `port` binds loopback only.
extension ConfigBuilder {
    mutating func readUnixServer(_ section: LoadedSection) -> UnixServerSettings? {
        let expansion = sharedExpansion(here: section.here)
        let credentials = readCredentials(section, expansion)
        guard let entry = section.entry("file") else {
            report(.error, at: section.location, "section [unix_http_server] has no 'file' value (the socket path)")
            return nil
        }
        guard let file = expanded(entry, expansion) else { return nil }
        var settings = UnixServerSettings(file: normalizedPath(file.strippingWhitespace()), credentials: credentials)
        if let mode = value(section, "chmod", expansion, { ValueParsers.octal($0, key: "chmod") }) {
            settings.chmod = mode
        }
        if let entry = section.entry("chown"), let owner = expanded(entry, expansion) {
            let parts = owner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if !ConfigFiles.userExists(parts[0]) || (parts.count == 2 && !ConfigFiles.groupExists(parts[1])) {
                report(.error, at: entry.location, "invalid 'chown' value '\(owner)' (an existing user, or user:group)")
            } else {
                settings.chown = owner
            }
        }
        return settings
    }

    mutating func readInetServer(_ section: LoadedSection) -> InetServerSettings? {
        let expansion = sharedExpansion(here: section.here)
        let credentials = readCredentials(section, expansion)
        guard let entry = section.entry("port") else {
            report(
                .error, at: section.location,
                "section [inet_http_server] has no 'port' value (e.g. port = 127.0.0.1:9001)")
            return nil
        }
        guard let text = expanded(entry, expansion) else { return nil }
        switch ValueParsers.inetAddress(text) {
        case .success(let address):
            return InetServerSettings(host: address.host, port: address.port, credentials: credentials)
        case .failure(let error):
            report(.error, at: entry.location, error.message)
            return nil
        }
    }

    mutating func readControl(_ section: LoadedSection) -> ControlSettings {
        let expansion = baseExpansion(here: section.here)
        var control = ControlSettings()
        if var url = string(section, "serverurl", expansion) {
            if url.hasPrefix("unix://") { url = "unix://" + normalizedPath(String(url.dropFirst("unix://".count))) }
            control.serverURL = url
        }
        control.username = string(section, "username", expansion)
        control.password = string(section, "password", expansion)
        if let prompt = string(section, "prompt", expansion) { control.prompt = prompt }
        _ = string(section, "history_file", expansion)
        return control
    }

    private mutating func readCredentials(_ section: LoadedSection, _ expansion: Expansion) -> Credentials? {
        let username = string(section, "username", expansion)
        let password = string(section, "password", expansion)
        switch (username, password) {
        case (let username?, let password?):
            return Credentials(username: username, password: password)
        case (nil, nil):
            return nil
        default:
            if section.entry("username") != nil && section.entry("password") != nil { return nil }  // already reported
            report(
                .error, at: section.location,
                "section [\(section.name)] contains incomplete authentication: give both 'username' and 'password', or neither"
            )
            return nil
        }
    }
}
