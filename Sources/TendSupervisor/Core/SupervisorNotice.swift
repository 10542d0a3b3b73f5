import TendPlatform

/// Something that happened to the supervisor's processes outside a request: each arrives on the supervisor's one
/// ordered notice stream (`Supervisor.notices`) and is handled in the order it happened, never through a
/// free-standing task.
enum SupervisorNotice: Sendable {
    /// A watched child was reaped.
    case childExited(key: String, pid: Int32, status: ExitStatus, at: ContinuousClock.Instant)
    /// A member of a process group that a stop waits for has exited.
    case groupMemberExited(key: String)
    /// Adopted processes (grandchildren) were reaped.
    case adoptedChildrenExited
    /// A state-machine deadline passed; `generation` makes a stale one harmless.
    case deadline(ProcessStateMachine.Deadline, key: String, generation: Int)
    /// The scheduler's wall-clock timer fired, or the clock was set.
    case wallClock(WallClockTimer.Event)
    /// The timer of the TICK events of `period` seconds fired, or the clock was set.
    case tickTimer(period: Int, WallClockTimer.Event)
    /// A scheduled run passed its `timeout`.
    case runTimedOut(key: String, generation: Int)
    /// A run queued by `overlap = queue` may start: the previous run ended.
    case queuedRunDue(key: String)
    /// A run started by `overlap = allow` ended.
    case extraRunExited(key: String, pid: Int32, status: ExitStatus)
    /// An `overlap = allow` run passed its timeout or its grace.
    case extraRunDeadline(key: String, pid: Int32)
    /// A probe of a process is due; `generation` makes one for an earlier child harmless.
    case probeDue(key: String, kind: ProbeKind, generation: Int)
    /// A probe run ended.
    case probeFinished(key: String, kind: ProbeKind, generation: Int, result: ProbeResult)
    /// A datagram came on a process's notify socket.
    case notifyMessage(key: String, text: String)
}
