import TendAPI

extension JobLifecycle {
    /// The SQL literal of `state`, e.g. `'timed_out'`. State names are lower-case words and underscores, so the
    /// literal needs no escaping and may be inlined into a statement.
    public static func sqlLiteral(_ state: JobState) -> String {
        "'\(state.rawValue)'"
    }

    /// A condition that holds when `column` is one of `states`: `state = 'running'` for one state,
    /// `state IN ('a', 'b')` for several, `FALSE` for none. The states keep their order.
    public static func sqlCondition(_ states: [JobState], column: String = "state") -> String {
        switch states.count {
        case 0: "FALSE"
        case 1: "\(column) = \(sqlLiteral(states[0]))"
        default: "\(column) IN (\(states.map(sqlLiteral).joined(separator: ", ")))"
        }
    }

    /// The guard of `event`'s update: the job is in one of the states `event` is allowed from.
    public static func sqlGuard(of event: Event, column: String = "state") -> String {
        sqlCondition(sources(of: event), column: column)
    }

    /// The literal of the one state `event` leads to, for its update's `SET state = …`.
    /// `finish` has none: its state comes from the outcome (`finish(with:)` checks it is allowed).
    public static func sqlTarget(of event: Event) -> String {
        guard let target = target(of: event) else {
            preconditionFailure("\(event) has no single target state; bind the outcome's state instead")
        }
        return sqlLiteral(target)
    }
}
