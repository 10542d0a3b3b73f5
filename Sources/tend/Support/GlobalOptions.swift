import ArgumentParser

/// The options every command takes, before or after its name: which config file, and how to reach
/// the daemon when the config does not say (supervisorctl's `-c`, `-s`, `-u`, `-p`).
struct GlobalOptions: ParsableArguments {
    @Option(
        name: [.customShort("c"), .customLong("configuration")],
        help: ArgumentHelp(
            "The config file (default: supervisord's search order, then ./tend.conf).", valueName: "file"))
    var configuration: String?

    @Option(
        name: [.customShort("s"), .customLong("serverurl")],
        help: ArgumentHelp(
            "Where the daemon listens: unix:///path/to/socket or http://host:port "
                + "(default: [supervisorctl] serverurl, else the config's [unix_http_server] file).",
            valueName: "url"))
    var serverURL: String?

    @Option(
        name: [.customShort("u"), .customLong("username")],
        help: ArgumentHelp(
            "The user name for the daemon's basic auth (default: [supervisorctl] username).", valueName: "user"))
    var username: String?

    @Option(
        name: [.customShort("p"), .customLong("password")],
        help: ArgumentHelp(
            "The password for the daemon's basic auth (default: [supervisorctl] password).", valueName: "password"))
    var password: String?
}
