/// What to compute besides the stable configuration.
public struct SolveOptions: Sendable, Hashable {
    /// How many distinct configurations to return (`gen`), best first; at least 1.
    public var configurationCount: Int
    /// The least polymer count of a returned configuration (`init_k`); at least 1. It is an error when the
    /// TBN has no saturated configuration with that many polymers.
    public var minimumPolymers: Int

    /// Creates options; the defaults ask for the one stable configuration.
    public init(configurationCount: Int = 1, minimumPolymers: Int = 1) {
        self.configurationCount = configurationCount
        self.minimumPolymers = minimumPolymers
    }
}
