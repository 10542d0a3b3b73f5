import TendConfig

/// When each scheduled program runs next: the plan the supervisor's one wall-clock timer is armed from.
///
/// Interval schedules (`every 10s`) tick on the monotonic clock, each tick one interval after the previous one (a
/// tick that could not happen in time is not made up: the next is one interval from now). Cron schedules tick on
/// the wall clock, in their time zone, and are computed again when the clock is set. `jitter` delays each tick by a
/// random part of its value; the next tick is computed from the undelayed one. Pure logic: the caller passes the
/// clocks and performs the runs.
struct Scheduler {
    private(set) var programs: [String: ScheduledProgram] = [:]
    private var queue = TickQueue()
    /// A random number in 0..<1, for jitter.
    var random: () -> Double = { Double.random(in: 0..<1) }

    /// Brings the plan in line with the scheduled programs now configured: a program whose settings did not change
    /// keeps its next tick (and its pause, and its last run), a new or changed one is planned from now, a removed
    /// one is dropped.
    /// - Returns: the programs that are new or changed.
    mutating func sync(
        _ wanted: [(key: String, settings: ScheduleSettings)], wall: Double, now: ContinuousClock.Instant
    ) -> [ScheduledProgram] {
        var kept: [String: ScheduledProgram] = [:]
        var fresh: [ScheduledProgram] = []
        for (key, settings) in wanted {
            if let existing = programs[key], existing.settings == settings {
                kept[key] = existing
                continue
            }
            let program = programs[key] ?? ScheduledProgram(key: key, settings: settings)
            program.settings = settings
            program.nextInstant = nil
            program.nextBase = nil
            kept[key] = program
            fresh.append(program)
        }
        for (key, program) in programs where kept[key] == nil {
            program.generation += 1
            program.timeout.cancel()
        }
        programs = kept
        for program in fresh where !program.paused { plan(program, wall: wall, now: now, afterTick: false) }
        return fresh
    }

    /// Plans `program`'s next tick: the first one after now, or (`afterTick`) the one after the tick just handled.
    mutating func plan(_ program: ScheduledProgram, wall: Double, now: ContinuousClock.Instant, afterTick: Bool) {
        program.generation += 1
        var base: Double?
        switch program.settings.schedule {
        case .every(let milliseconds):
            let interval = Duration.milliseconds(milliseconds)
            var next = afterTick ? (program.nextInstant.map { $0 + interval } ?? now + interval) : now + interval
            if next <= now { next = now + interval }
            program.nextInstant = next
            base = wall + Self.seconds(next - now)
        case .cron(let expression):
            let zone = program.settings.timeZone
            let from = afterTick ? (program.nextBase ?? wall) : wall
            base = ScheduleClock.nextTick(of: expression, after: from, zone: zone)
            if let found = base, found <= wall {
                base = ScheduleClock.nextTick(of: expression, after: wall, zone: zone)
            }
        }
        program.nextBase = base
        program.nextTick = base.map { $0 + random() * program.settings.jitter }
        if let tick = program.nextTick {
            queue.push(TickQueue.Entry(seconds: tick, key: program.key, generation: program.generation))
        }
    }

    /// Plans every program again after the wall clock was set: interval ticks keep their monotonic time, cron ticks
    /// are computed from the new time.
    mutating func clockChanged(wall: Double, now: ContinuousClock.Instant) {
        queue.removeAll()
        for program in programs.values where !program.paused {
            if case .every = program.settings.schedule, let instant = program.nextInstant {
                program.generation += 1
                let tick = wall + Self.seconds(instant - now)
                program.nextBase = tick
                program.nextTick = tick
                queue.push(TickQueue.Entry(seconds: tick, key: program.key, generation: program.generation))
            } else {
                plan(program, wall: wall, now: now, afterTick: false)
            }
        }
    }

    /// Removes and returns the programs whose tick has come, each with how late it is (seconds), earliest first.
    mutating func due(wall: Double) -> [(program: ScheduledProgram, lateness: Double)] {
        var result: [(program: ScheduledProgram, lateness: Double)] = []
        while let top = queue.first, top.seconds <= wall + 0.0005 {
            _ = queue.pop()
            guard let program = programs[top.key], program.generation == top.generation else { continue }
            result.append((program, max(wall - top.seconds, 0)))
        }
        return result
    }

    /// The wall time of the earliest pending tick, dropping stale entries on the way; `nil` when none.
    mutating func nextWake() -> Double? {
        while let top = queue.first {
            if let program = programs[top.key], program.generation == top.generation { return top.seconds }
            _ = queue.pop()
        }
        return nil
    }

    /// `tend stop`: no tick until `resume`.
    mutating func pause(_ key: String) {
        guard let program = programs[key] else { return }
        program.paused = true
        program.queued = false
        program.generation += 1
        program.nextTick = nil
    }

    /// `tend start`: ticks again, from now, if it was paused.
    mutating func resume(_ key: String, wall: Double, now: ContinuousClock.Instant) {
        guard let program = programs[key], program.paused else { return }
        program.paused = false
        plan(program, wall: wall, now: now, afterTick: false)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
