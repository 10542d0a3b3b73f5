/// A configuration: a partition of a TBN's monomers into polymers, with the bonds that hold each polymer
/// together.
///
/// Polymers list monomer indices into ``TBN/monomers`` in increasing order, and polymers are ordered by
/// their first monomer, so two equal partitions compare equal.
public struct Configuration: Sendable, Hashable {
    /// The polymers, each a sorted list of monomer indices.
    public var polymers: [[Int]]
    /// The bonds: every limiting site of the TBN is in exactly one; each polymer is connected by its bonds.
    public var bonds: [Bond]

    /// Creates a configuration from polymers given in any order.
    public init(polymers: [[Int]], bonds: [Bond] = []) {
        self.polymers = polymers.map { $0.sorted() }.sorted { ($0.first ?? -1) < ($1.first ?? -1) }
        self.bonds = bonds
    }

    /// The number of polymers.
    public var polymerCount: Int { polymers.count }

    /// The polymers as the result JSON shows them: each polymer a list of monomers, each monomer its tokens.
    public func polymerTokens(in tbn: TBN) -> [[[String]]] {
        polymers.map { polymer in polymer.map { tbn.monomers[$0].tokens } }
    }
}
