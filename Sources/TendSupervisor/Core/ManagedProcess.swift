import TendAPI
import TendConfig
import TendPlatform

/// One supervised process as the supervisor actor owns it: its state machine, its current child (if
/// any), its output streams and its pending deadline. Only the `Supervisor` actor touches it.
final class ManagedProcess {
    var machine: ProcessStateMachine
    /// The running child, while there is one.
    var child: ChildHandle?
    /// The pid that led the child's process group (kept after the leader exits, for group stops).
    var groupLeader: Int32 = 0
    /// The child's stdin, while it runs.
    var stdin: StdinWriter?
    let stdout: ProcessOutput
    let stderr: ProcessOutput
    /// Children spawned so far (the restarts are all but the first).
    var spawnCount = 0
    /// Wall-clock seconds of the last start and the last stop/exit (0 if never).
    var startedAt = 0
    var stoppedAt = 0
    /// The armed deadline (on the reactor), and a counter that makes a stale one harmless.
    let deadline = ReactorTimer()
    var deadlineGeneration = 0
    /// Members of the process group watched by pidfd while a group stop waits for them.
    var groupWatched: Set<Int32> = []
    /// Tasks relaying this process's output notices (events, listener protocol) to the supervisor.
    var noticeTasks: [Task<Void, Never>] = []
    /// The health of the current child (probes, `READY=1`, the ready line), its probe timers, and a counter that
    /// makes a stale probe result harmless.
    var health: HealthTracker
    let readinessTimer = ReactorTimer()
    let livenessTimer = ReactorTimer()
    var healthGeneration = 0
    /// The `NOTIFY_SOCKET` of a `ready = notify` program, kept across its restarts.
    var notifySocket: NotifySocket?
    /// `ready_log_line`, compiled, and the partial line of output not yet matched.
    let readyPattern: Regex<AnyRegexOutput>?
    var partialLine: [UInt8] = []
    /// A liveness restart is under way: start again once stopped.
    var restartsAfterStop = false
    /// Callers waiting for a state (start/stop with wait); each is resumed when its test passes.
    var waiters: [(test: (ManagedProcess) -> Bool, resume: CheckedContinuation<Void, Never>)] = []

    var spec: ProgramSpec { machine.spec }
    var state: ProcessState { machine.state }
    var key: String { spec.qualifiedName }

    init(spec: ProgramSpec, stdout: ProcessOutput, stderr: ProcessOutput) {
        self.machine = ProcessStateMachine(spec: spec)
        self.health = HealthTracker(spec: spec)
        self.readyPattern = spec.readyLogLine.flatMap { try? Regex($0) }
        self.stdout = stdout
        self.stderr = stderr
    }

    func output(_ stream: OutputStream) -> ProcessOutput {
        stream == .stdout ? stdout : stderr
    }

    /// Resumes every waiter whose condition now holds.
    func wakeWaiters() {
        guard !waiters.isEmpty else { return }
        var kept: [(test: (ManagedProcess) -> Bool, resume: CheckedContinuation<Void, Never>)] = []
        for waiter in waiters {
            if waiter.test(self) { waiter.resume.resume() } else { kept.append(waiter) }
        }
        waiters = kept
    }
}
