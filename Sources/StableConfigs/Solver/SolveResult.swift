/// The result of a computation: the configurations found and the TBN's entropy.
public struct SolveResult: Sendable, Hashable {
    /// The distinct configurations, most polymers first; with constraints, only configurations that meet
    /// them (none when no saturated configuration does).
    public var configurations: [Configuration]
    /// The largest number of polymers of any saturated configuration, constraints not applied.
    public var entropy: Int

    /// Creates a result.
    public init(configurations: [Configuration], entropy: Int) {
        self.configurations = configurations
        self.entropy = entropy
    }
}
