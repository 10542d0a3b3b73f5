import TendConfig
import TendPlatform

/// The scheduler's side of the supervisor: one wall-clock timer armed for the earliest tick of all scheduled
/// programs (nothing wakes the daemon between ticks, however many programs there are), the runs those ticks start,
/// their timeouts, and the pause of `tend stop`.
extension Supervisor {
    /// A tick handled this much later than planned was missed (the machine slept, the daemon was stopped or
    /// stalled): `misfire` says what happens then.
    static let misfireLateness = 60.0

    static var wallNow: Double { Double(WallClock.millisecondsSinceEpoch) / 1000 }

    /// Brings the schedule in line with the processes now in the table (after start-up and every config change)
    /// and arms the timer. A new program whose `misfire = run_once` missed a tick while the daemon was down runs
    /// at once.
    func syncSchedules() {
        let wanted = table.inStartOrder.compactMap { process in process.spec.schedule.map { (process.key, $0) } }
        let fresh = scheduler.sync(wanted, wall: Self.wallNow, now: .now)
        if isActive, schedulerRuns {
            for program in fresh where program.settings.misfire == .runOnce {
                guard let last = tickRecords?.lastTick(of: program.key), missedATick(program, since: last),
                    let process = table[program.key]
                else { continue }
                logger.info(
                    "misfire: running '\(process.spec.name)' once for the ticks it missed while the daemon was down")
                run(process, program)
            }
        }
        armScheduleTimer()
    }

    /// Whether scheduled programs run (`--disable-scheduler` and `[tend] scheduler = false` say no).
    var schedulerRuns: Bool { options.schedulerEnabled && configuration.tend.scheduler }

    /// Arms the one timer for the earliest tick, or disarms it when there is none or the scheduler is off.
    func armScheduleTimer() {
        guard isActive, schedulerRuns, daemonState == .running, let timer = wallTimer, let next = scheduler.nextWake()
        else {
            wallTimer?.disarm()
            return
        }
        timer.arm(atSecondsSinceEpoch: next)
    }

    /// The timer fired, or the wall clock was set.
    func wallClockFired(_ event: WallClockTimer.Event) {
        let wall = Self.wallNow
        switch event {
        case .clockChanged:
            logger.info("the wall clock was set: the next ticks are computed again")
            scheduler.clockChanged(wall: wall, now: .now)
        case .due:
            for (program, lateness) in scheduler.due(wall: wall) { tick(program, lateness: lateness, wall: wall) }
        }
        armScheduleTimer()
    }

    private func tick(_ program: ScheduledProgram, lateness: Double, wall: Double) {
        scheduler.plan(program, wall: wall, now: .now, afterTick: true)
        guard let process = table[program.key], daemonState == .running else { return }
        if lateness > Self.misfireLateness {
            guard program.settings.misfire == .runOnce else {
                logger.warning("missed: a tick of '\(process.spec.name)' came \(Int(lateness)) s late (misfire = skip)")
                return
            }
            logger.info("misfire: running '\(process.spec.name)' once for the ticks it missed")
        }
        run(process, program)
    }

    /// Starts a run now, or does what `overlap` says when one still runs.
    func run(_ process: ManagedProcess, _ program: ScheduledProgram) {
        let name = process.spec.name
        do {
            try tickRecords?.record(tick: Self.wallNow, of: program.key)
        } catch {
            logger.warning("scheduler: \(error) (a missed tick may not be run once after a restart)")
        }
        guard !process.state.isRunningLike, process.state != .stopping else {
            switch program.settings.overlap {
            case .skip:
                logger.info("skipped: a tick of '\(name)' while its last run still runs (overlap = skip)")
            case .queue:
                if !program.queued {
                    logger.info("queued: '\(name)' runs again once its last run ends (overlap = queue)")
                }
                program.queued = true
            case .allow:
                startExtraRun(process, program)
            }
            return
        }
        if let error = requestStart(process) { logger.warning("could not run '\(name)': \(error)") }
    }

    /// Follows a scheduled process's transitions: a run starts its timeout, an ended run is recorded and lets a
    /// queued one start.
    func scheduledTransition(_ transition: ProcessStateMachine.Transition, of process: ManagedProcess) {
        guard let program = scheduler.programs[process.key] else { return }
        if transition.to == .running {
            program.runStartedAt = .now
            program.timedOut = false
            guard let timeout = program.settings.timeout else { return }
            program.timeoutGeneration += 1
            let generation = program.timeoutGeneration
            let key = process.key
            program.timeout.schedule(after: .milliseconds(Int64(timeout * 1000))) { [notices] in
                notices.yield(.runTimedOut(key: key, generation: generation))
            }
        } else if transition.to.isStoppedLike || transition.to == .backoff, let started = program.runStartedAt {
            program.timeout.cancel()
            program.timeoutGeneration += 1
            program.runStartedAt = nil
            program.lastRun = ScheduledProgram.LastRun(
                exitStatus: process.machine.exitStatus, endedAt: Self.wallNow,
                duration: Scheduler.seconds(ContinuousClock.now - started), timedOut: program.timedOut)
            if program.queued {
                program.queued = false
                notices.yield(.queuedRunDue(key: process.key))
            }
        }
    }

    /// `overlap = queue`: the run that waited starts (unless a stop or the shutdown came first).
    func queuedRunDue(key: String) {
        guard let process = table[key], let program = scheduler.programs[key], !program.paused,
            daemonState == .running
        else { return }
        run(process, program)
    }

    /// The current run passed its `timeout`: it is stopped as `tend stop` would (its stop signal to its process
    /// group, SIGKILL after `grace`), without pausing the schedule.
    func runTimedOut(key: String, generation: Int) {
        guard let program = scheduler.programs[key], program.timeoutGeneration == generation,
            let process = table[key], process.state == .running
        else { return }
        program.timedOut = true
        logger.warning(
            "timeout: '\(process.spec.name)' ran longer than \(program.settings.timeout ?? 0) s: sending \(process.spec.stopSignal), SIGKILL after \(process.spec.stopWaitSecs) s"
        )
        perform(process.machine.stop(), for: process)
    }

    /// `tend start NAME` of a scheduled program: ticks resume (the run itself is the start).
    func resumeSchedule(of process: ManagedProcess) {
        guard process.spec.schedule != nil else { return }
        scheduler.resume(process.key, wall: Self.wallNow, now: .now)
        armScheduleTimer()
    }

    /// `tend stop NAME` of a scheduled program: no tick until `tend start`.
    func pauseSchedule(of process: ManagedProcess) {
        guard process.spec.schedule != nil, daemonState == .running else { return }
        scheduler.pause(process.key)
        armScheduleTimer()
    }

    /// Whether a tick came and went between `last` and now.
    private func missedATick(_ program: ScheduledProgram, since last: Double) -> Bool {
        switch program.settings.schedule {
        case .every(let milliseconds): return last + Double(milliseconds) / 1000 <= Self.wallNow
        case .cron(let expression):
            guard let next = ScheduleClock.nextTick(of: expression, after: last, zone: program.settings.timeZone)
            else { return false }
            return next <= Self.wallNow
        }
    }
}

extension Supervisor {
    /// A scheduled program's description between runs: `next 12:00:10, last exit 0 at 11:59:50 (0.8 s)`, or
    /// `paused (start resumes)`, or `scheduler disabled`; `nil` while it runs or after a failed spawn (the usual
    /// `pid …, uptime …` or the spawn error).
    func scheduleDescription(of process: ManagedProcess) -> String? {
        guard process.spec.schedule != nil, process.state == .stopped || process.state == .exited,
            let program = scheduler.programs[process.key]
        else { return nil }
        var parts: [String] = []
        if !schedulerRuns {
            parts.append("scheduler disabled")
        } else if program.paused {
            parts.append("paused (start resumes)")
        } else if let next = program.nextTick {
            parts.append("next " + LocalTime.format(secondsSinceEpoch: next.rounded(.up), pattern: "%H:%M:%S"))
        }
        if let last = program.lastRun {
            let outcome = last.timedOut ? "timed out" : "last exit \(last.exitStatus)"
            let duration = (last.duration * 10).rounded() / 10
            parts.append(
                "\(outcome) at \(LocalTime.format(secondsSinceEpoch: last.endedAt, pattern: "%H:%M:%S")) (\(duration) s)"
            )
        }
        return parts.joined(separator: ", ")
    }
}
