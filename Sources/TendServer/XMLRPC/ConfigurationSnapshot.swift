import TendConfig

/// The configuration last read from the file, which supervisord keeps as `process_group_configs`:
/// `reloadConfig` replaces it, `addProcessGroup` and `getAllConfigInfo` read from it. Until the first
/// `reloadConfig` (and again after `restart`) it is the configuration the supervisor runs.
actor ConfigurationSnapshot {
    private var lastRead: Configuration?

    init() {}

    /// The last configuration read, or `nil` when none was read since the daemon (re)started.
    var current: Configuration? { lastRead }

    /// Remembers `configuration` as the last one read.
    func store(_ configuration: Configuration) {
        lastRead = configuration
    }

    /// Forgets the last read configuration (the daemon reloaded: what it runs is what was read).
    func reset() {
        lastRead = nil
    }
}
