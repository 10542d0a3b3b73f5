import Synchronization

/// A request to stop a computation early, set from anywhere (a signal handler included: setting it is one
/// lock-free atomic store) and read by the solver at its check points.
///
/// The solver checks it where it reports progress (before the search, at each polymer count it tries, at each
/// configuration it records, at each polymer it opens) and, once it is set, ends with
/// ``TBNError/Code/earlyTermination``: `Early Termination at count [c] min polymers [k].`
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// A request not yet made.
    public init() {}

    /// Asks the computation to stop at its next check point.
    public func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Whether the stop was asked for.
    public var isRequested: Bool { requested.load(ordering: .relaxed) }
}
