/// Progress of a computation, as the job API reports it: `{"count": c, "k": k}`.
public struct SolveProgress: Sendable, Hashable {
    /// The number of the configuration being computed, from 1 (0 before the search starts).
    public var count: Int
    /// The polymer count the search is trying to reach (it descends from an upper bound), or the count of
    /// the configuration it has just found.
    public var k: Int

    /// Creates a progress report.
    public init(count: Int, k: Int) {
        self.count = count
        self.k = k
    }
}
