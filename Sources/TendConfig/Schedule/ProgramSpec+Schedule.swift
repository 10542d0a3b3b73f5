extension ProgramSpec {
    /// Makes this a scheduled program: it runs only on its ticks (not at start, not again when it exits), counts
    /// as running from its spawn, and is stopped with its whole process group, SIGKILL following after `grace`
    /// seconds (its `stopwaitsecs`) when given.
    public mutating func schedule(_ settings: ScheduleSettings, grace: Double?) {
        schedule = settings
        autostart = false
        autorestart = .never
        startSecs = 0
        startRetries = 0
        stopAsGroup = true
        killAsGroup = true
        if let grace { stopWaitSecs = Int(grace.rounded(.up)) }
    }
}
