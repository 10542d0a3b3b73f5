import ArgumentParser
import TendConfig

/// `tend up`'s ncolony options, named as `python -m twisted ncolony` names them (the two directories get a
/// `--ncolony-` prefix, since `-c`/`--configuration` is the config file). Each one given replaces the `[ncolony]`
/// key of the config.
struct NcolonyOptions: ParsableArguments {
    @OptionGroup var places: NcolonyPlaces

    @Option(
        help: ArgumentHelp(
            "A program that dies sooner than this many seconds is restarted after a doubling delay (default 1).",
            valueName: "seconds"))
    var threshold: Double?

    @Option(
        help: ArgumentHelp(
            "Seconds from SIGTERM to SIGKILL when an ncolony program stops (default 5).", valueName: "seconds"))
    var killtime: Double?

    @Option(help: ArgumentHelp("The first restart delay after a quick death (default 1).", valueName: "seconds"))
    var minrestartdelay: Double?

    @Option(help: ArgumentHelp("The longest restart delay (default 3600).", valueName: "seconds"))
    var maxrestartdelay: Double?

    @Option(help: ArgumentHelp("A directory for one pid file per ncolony program.", valueName: "dir"))
    var pid: String?

    @Option(
        help: ArgumentHelp(
            "Accepted for ncolony's command lines and not needed: Tend applies changes at once.", valueName: "seconds"))
    var frequency: Double?

    /// The options as the daemon takes them.
    /// - Throws: `ValidationError` for a negative number of seconds.
    func overrides() throws -> NcolonyOverrides {
        for (name, value) in [
            ("threshold", threshold), ("killtime", killtime), ("minrestartdelay", minrestartdelay),
            ("maxrestartdelay", maxrestartdelay), ("frequency", frequency),
        ] {
            if let value, !(value >= 0 && value.isFinite) {
                throw ValidationError("--\(name) must be a number of seconds ≥ 0")
            }
        }
        var result = NcolonyOverrides()
        result.configDirectory = places.configDirectory
        result.messagesDirectory = places.messagesDirectory
        result.threshold = threshold
        result.killTime = killtime
        result.minRestartDelay = minrestartdelay
        result.maxRestartDelay = maxrestartdelay
        result.pidDirectory = pid
        return result
    }
}
