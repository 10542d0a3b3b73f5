import TendAPI

/// A job's life as a pure value: which changes a job may go through, from which states, and to which.
///
/// Every store makes each change with one guarded update (`UPDATE … WHERE state …`); the guard and the new state
/// come from here (`JobLifecycle+SQL`), so the stores cannot disagree on what is allowed. Nothing here touches a
/// store or a clock: the transitions are unit-tested on their own.
///
/// ```
/// (submit) → queued ─claim→ running ─finish→ completed | failed | timed_out | terminated | crashed
///              │  ↑            │ ↺ recordProcess, recordProgress, requestStop
///              │  └──requeue───┘
///              └─cancel→ terminated
/// ```
/// A final state never changes again: the job is only deleted once its result expires.
public struct JobLifecycle: Sendable, Hashable {
    /// A change of a job that a store makes with one guarded update.
    public enum Event: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// A runner takes the job: `queued` → `running`.
        case claim
        /// The runner records the process that runs the job: `running` stays `running`.
        case recordProcess
        /// The job reports progress: `running` stays `running`.
        case recordProgress
        /// The job ended with an outcome: `running` → one of the final states.
        case finish
        /// The job goes back to the queue (its node stopped, crashed or was lost): `running` → `queued`.
        case requeue
        /// A termination request for a job that has not started: `queued` → `terminated`.
        case cancel
        /// A termination request for a running job: it stays `running`, flagged, until its node stops it.
        case requestStop

        /// The event's name, as in `JobLifecycle.Event.claim`.
        public var description: String { rawValue }
    }

    /// One allowed change, as `apply` made it.
    public struct Transition: Sendable, Hashable {
        /// What happened.
        public var event: Event
        /// The state before.
        public var from: JobState
        /// The state after (equal to `from` for the events that keep a job running).
        public var to: JobState

        /// The change `event` made, from `from` to `to`.
        public init(event: Event, from: JobState, to: JobState) {
            self.event = event
            self.from = from
            self.to = to
        }
    }

    /// The state every job starts in when it is submitted.
    public static let initialState: JobState = .queued

    /// The states a job ends in; none of them changes again.
    public static let finalStates: [JobState] = JobState.allCases.filter(\.isFinished)

    /// Where the job is now.
    public private(set) var state: JobState

    /// A job in `state` (by default a newly submitted one).
    public init(state: JobState = JobLifecycle.initialState) {
        self.state = state
    }

    /// The states that `event` is allowed from, in `JobState.allCases` order.
    public static func sources(of event: Event) -> [JobState] {
        switch event {
        case .claim, .cancel: [.queued]
        case .recordProcess, .recordProgress, .finish, .requeue, .requestStop: [.running]
        }
    }

    /// The states that `event` may lead to, in `JobState.allCases` order.
    public static func targets(of event: Event) -> [JobState] {
        switch event {
        case .claim, .recordProcess, .recordProgress, .requestStop: [.running]
        case .finish: finalStates
        case .requeue: [.queued]
        case .cancel: [.terminated]
        }
    }

    /// The one state that `event` leads to, or `nil` for `finish`, whose state the outcome chooses.
    public static func target(of event: Event) -> JobState? {
        let targets = targets(of: event)
        return targets.count == 1 ? targets[0] : nil
    }

    /// Whether `event` may take a job from `from` to `to`.
    public static func allows(_ event: Event, from: JobState, to: JobState) -> Bool {
        sources(of: event).contains(from) && targets(of: event).contains(to)
    }

    /// What a termination request does to a job in `state`: `cancel` when it has not started, `requestStop`
    /// while it runs, `nil` once it has finished. Stores try the events in this order.
    public static func termination(from state: JobState) -> Event? {
        terminationEvents.first { sources(of: $0).contains(state) }
    }

    /// The events a termination request may make, in the order a store tries them.
    public static let terminationEvents: [Event] = [.cancel, .requestStop]

    /// Applies `event`, going to `target` (needed only for `finish`; otherwise the event's own target).
    /// - Returns: the transition made, or `nil` when the event is not allowed now (the state does not change).
    @discardableResult
    public mutating func apply(_ event: Event, to target: JobState? = nil) -> Transition? {
        guard let next = target ?? Self.target(of: event), Self.allows(event, from: state, to: next) else {
            return nil
        }
        defer { state = next }
        return Transition(event: event, from: state, to: next)
    }

    /// Finishes a running job with `outcome`'s final state.
    /// - Returns: the transition, or `nil` when the job does not run.
    @discardableResult
    public mutating func finish(with outcome: JobOutcome) -> Transition? {
        apply(.finish, to: outcome.state)
    }

    /// Applies the event a termination request makes in the current state (`termination(from:)`).
    /// - Returns: the transition, or `nil` when the job has already finished.
    @discardableResult
    public mutating func requestTermination() -> Transition? {
        guard let event = Self.termination(from: state) else { return nil }
        return apply(event)
    }
}
