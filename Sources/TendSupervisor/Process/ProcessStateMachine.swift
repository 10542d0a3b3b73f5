import TendAPI
import TendConfig
import TendPlatform

/// supervisord's per-process state machine as a pure value: each event changes the state and returns
/// what the owner must do (spawn, arm a deadline, send a signal). Nothing here touches a process or a
/// clock, so every transition is unit-tested without spawning anything.
///
/// Deadlines replace supervisord's 1-second polling: STARTING becomes RUNNING when the `startsecs`
/// deadline fires, BACKOFF retries when its delay fires, STOPPING escalates to SIGKILL when
/// `stopwaitsecs` fires. An exit that arrives before the `startsecs` deadline is always "too quickly".
struct ProcessStateMachine: Sendable {
    /// What the owner must do after an event, in order.
    enum Action: Sendable, Equatable {
        /// Start a child now; report `spawned(at:)` or `spawnFailed(_:)`.
        case spawn
        /// Arm the single deadline of this process; a later `arm` or `disarm` replaces it.
        case arm(Deadline, after: Duration)
        /// Cancel the pending deadline.
        case disarm
        /// Send `signal` to the child, or to its whole process group.
        case signal(Int32, toGroup: Bool)
    }

    /// The deadlines a process can wait for.
    enum Deadline: Sendable, Equatable {
        case startSecs, backoff, stopWait
        /// `depends_timeout` passed while the start waited for its dependencies.
        case dependsTimeout
    }

    /// A state change, for events and the daemon log.
    struct Transition: Sendable, Equatable {
        var from: ProcessState
        var to: ProcessState
        /// Failed starts in a row at the time (`tries` of PROCESS_STATE_STARTING/BACKOFF events).
        var tries: Int = 0
    }

    private(set) var state: ProcessState = .stopped
    /// Failed starts in a row (supervisord's `backoff`).
    private(set) var backoff = 0
    /// Why the last start failed, or "" (supervisord's `spawnerr`).
    private(set) var spawnError = ""
    /// The last exit code, or 0.
    private(set) var exitStatus: Int32 = 0
    /// Whether the last exit code was in `exitcodes`.
    private(set) var exitWasExpected = false
    /// Set once the process has been started at least once (supervisord's `laststart != 0`).
    private(set) var hasStarted = false
    /// The group leader has exited during a stop but other members of its group remain.
    private(set) var waitingForGroup = false
    /// Quick exits (within `quickExit` of the spawn) in a row, each followed by a restart; at `crashLoopThreshold`
    /// restarts wait a growing delay in BACKOFF (`crashloop_backoff`).
    private(set) var quickExits = 0
    /// Whether the process is in a crash loop (its restarts are delayed).
    var isCrashLooping: Bool { quickExits >= Self.crashLoopThreshold }
    /// STARTING without a child: the start waits for its dependencies (`depends_on`).
    private(set) var awaitingDependencies = false
    /// State changes since the owner last drained them.
    private(set) var transitions: [Transition] = []

    var spec: ProgramSpec
    private var lastStart: ContinuousClock.Instant?
    private var killing = false

    init(spec: ProgramSpec) {
        self.spec = spec
    }

    /// Removes and returns the transitions recorded so far.
    mutating func drainTransitions() -> [Transition] {
        defer { transitions.removeAll(keepingCapacity: true) }
        return transitions
    }

    private mutating func move(to next: ProcessState) {
        transitions.append(Transition(from: state, to: next, tries: backoff))
        state = next
    }

    // MARK: Starting

    /// A start was asked for (by the user, autostart, autorestart or a backoff retry).
    /// The caller checks that the state allows it (`isStoppedLike` or BACKOFF).
    mutating func start() -> [Action] {
        hasStarted = true
        killing = false
        waitingForGroup = false
        awaitingDependencies = false
        spawnError = ""
        move(to: .starting)
        return [.disarm, .spawn]
    }

    /// A start (its `.spawn`) cannot go on yet: a dependency has not met its condition. The process stays
    /// STARTING, without a child, until `dependenciesMet()`, `dependencyFailed(_:)` or a stop; `timeout` arms
    /// `depends_timeout`.
    mutating func awaitDependencies(timeout: Double?) -> [Action] {
        guard state == .starting, !awaitingDependencies else { return [] }
        awaitingDependencies = true
        guard let timeout else { return [] }
        return [.arm(.dependsTimeout, after: .milliseconds(Int(timeout * 1000)))]
    }

    /// Every dependency now meets its condition: spawn.
    mutating func dependenciesMet() -> [Action] {
        guard state == .starting, awaitingDependencies else { return [] }
        awaitingDependencies = false
        return [.disarm, .spawn]
    }

    /// A dependency can no longer meet its condition (it failed, or `depends_timeout` passed): FATAL, with
    /// `message` as the reason.
    mutating func dependencyFailed(_ message: String) -> [Action] {
        guard state == .starting, awaitingDependencies else { return [] }
        awaitingDependencies = false
        spawnError = message
        backoff = 0
        move(to: .fatal)
        return [.disarm]
    }

    /// The child was spawned at `instant`.
    mutating func spawned(at instant: ContinuousClock.Instant) -> [Action] {
        lastStart = instant
        if spec.startSecs <= 0 {
            enterRunning()
            return []
        }
        return [.arm(.startSecs, after: .seconds(spec.startSecs))]
    }

    /// The spawn failed before the child could run (missing command, bad user, exec error).
    mutating func spawnFailed(_ message: String) -> [Action] {
        spawnError = message
        return failedStart()
    }

    /// The `startsecs` deadline passed with the child still alive.
    mutating func startSecsElapsed() -> [Action] {
        guard state == .starting else { return [] }
        enterRunning()
        return []
    }

    private mutating func enterRunning() {
        backoff = 0
        move(to: .running)
    }

    /// The BACKOFF delay passed: try again.
    mutating func backoffElapsed() -> [Action] {
        guard state == .backoff else { return [] }
        return start()
    }

    private mutating func failedStart() -> [Action] {
        backoff += 1
        move(to: .backoff)
        if spec.startRetries >= 0 && backoff > spec.startRetries {
            backoff = 0
            move(to: .fatal)
            return [.disarm]
        }
        return [.arm(.backoff, after: backoffDelay)]
    }

    /// The delay before retry number `backoff`: supervisord's linear 1 s, 2 s, 3 s …, or with
    /// `backoff_max` a doubling delay from `backoffMin` (1 s, or ncolony's `minrestartdelay`) capped at it.
    var backoffDelay: Duration {
        guard let cap = spec.backoffMax else { return .seconds(backoff) }
        let doubled = spec.backoffMin * Double(1 << min(backoff - 1, 30))
        return .milliseconds(Int(min(doubled, cap) * 1000))
    }

    // MARK: Exiting

    /// The child exited at `instant`. `groupAlive` says whether other members of its process group
    /// remain (only consulted during a stop with `stopasgroup`/`killasgroup`).
    /// `restartAllowed` is false while the daemon shuts down: the process then stays EXITED (as in
    /// supervisord, nothing is restarted once the daemon is stopping).
    mutating func exited(
        _ status: ExitStatus, at instant: ContinuousClock.Instant, groupAlive: Bool, restartAllowed: Bool = true
    ) -> [Action] {
        let code = status.exitCode
        if killing {
            exitStatus = code
            exitWasExpected = spec.exitCodes.contains(code)
            if groupAlive {
                waitingForGroup = true
                return []
            }
            killing = false
            move(to: .stopped)
            return [.disarm]
        }
        let ranFor = lastStart.map { instant - $0 } ?? .zero
        if state == .starting && ranFor < .seconds(spec.startSecs) {
            exitWasExpected = false
            spawnError = "Exited too quickly (process log may have details)"
            return failedStart()
        }
        backoff = 0
        exitStatus = code
        if state == .starting { move(to: .running) }
        exitWasExpected = spec.exitCodes.contains(code)
        if !exitWasExpected { spawnError = "Bad exit code \(code)" }
        move(to: .exited)
        let restart: Bool
        switch spec.autorestart {
        case .always: restart = true
        case .never: restart = false
        case .unexpected: restart = !exitWasExpected
        }
        guard restart && restartAllowed else { return [.disarm] }
        quickExits = spec.crashLoopBackoff && ranFor < Self.quickExit ? quickExits + 1 : 0
        guard quickExits >= Self.crashLoopThreshold else { return start() }
        let delay = crashLoopDelay
        spawnError =
            "crash loop: exited \(quickExits) times in a row within 1 s of its start; next start in \(Self.describe(delay))"
        move(to: .backoff)
        return [.arm(.backoff, after: delay)]
    }

    /// An exit this soon after the spawn counts towards a crash loop.
    static let quickExit = Duration.seconds(1)
    /// Quick exits in a row (with a restart each) that make a crash loop.
    static let crashLoopThreshold = 3

    /// The delay before the next start in a crash loop: 100 ms, doubling with each further quick exit, capped at
    /// `backoff_max` (60 s without it).
    var crashLoopDelay: Duration {
        let doublings = min(quickExits - Self.crashLoopThreshold, 20)
        let milliseconds = min(100 * (1 << doublings), Int((spec.backoffMax ?? 60) * 1000))
        return .milliseconds(milliseconds)
    }

    private static func describe(_ delay: Duration) -> String {
        let milliseconds =
            Int(delay.components.seconds) * 1000 + Int(delay.components.attoseconds / 1_000_000_000_000_000)
        return milliseconds < 1000
            ? "\(milliseconds) ms"
            : milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }

    /// During a stop, the last member of the process group is gone.
    mutating func groupGone() -> [Action] {
        guard waitingForGroup else { return [] }
        waitingForGroup = false
        killing = false
        move(to: .stopped)
        return [.disarm]
    }

    // MARK: Stopping

    /// A stop was asked for. BACKOFF stops at once; STARTING/RUNNING get `stopsignal` and a deadline.
    /// The caller refuses the request in other states.
    mutating func stop() -> [Action] {
        quickExits = 0
        switch state {
        case .backoff:
            move(to: .stopped)
            return [.disarm]
        case .starting where awaitingDependencies:
            awaitingDependencies = false
            move(to: .stopped)
            return [.disarm]
        case .starting, .running:
            killing = true
            move(to: .stopping)
            return [
                .signal(spec.stopSignal.number, toGroup: spec.stopAsGroup),
                .arm(.stopWait, after: .seconds(spec.stopWaitSecs)),
            ]
        default:
            return []
        }
    }

    /// `stopwaitsecs` passed and the child (or its group) is still there: SIGKILL.
    mutating func stopWaitElapsed() -> [Action] {
        guard state == .stopping else { return [] }
        return [.signal(SignalName.kill.number, toGroup: spec.killAsGroup)]
    }

    /// The process is abandoned because its config went away while it was not running.
    mutating func markUnknown() {
        move(to: .unknown)
    }
}
