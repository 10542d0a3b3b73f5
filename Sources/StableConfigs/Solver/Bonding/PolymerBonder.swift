/// Finds the bonds of one polymer: every limiting site bound to a distinct complementary site of the
/// polymer, the pairing constraints kept, and the polymer connected by its bonds.
///
/// A set of monomers can balance in every domain and still not be one polymer (`a`, `a*`, `a`, `a*` is
/// two); the bonder decides this exactly, by a depth-first search over the partner of each limiting site,
/// with interchangeable sites tried once and a connectivity bound.
struct PolymerBonder {
    let tbn: TBN
    let domains: DomainTable
    let rules: SiteRules

    /// A bonder for `tbn` under `rules`.
    init(tbn: TBN, rules: SiteRules) {
        self.tbn = tbn
        self.domains = DomainTable(monomers: tbn.monomers)
        self.rules = rules
    }

    /// The bonds of the polymer made of `monomers` (indices into ``TBN/monomers``), or `nil` when no
    /// bonding saturates it, keeps the rules and connects it.
    func bonds(for monomers: [Int]) -> [Bond]? {
        let search = BondSearch(bonder: self, monomers: monomers)
        return search.run()
    }

    /// Whether the polymer made of `monomers` has a bonding; see ``bonds(for:)``.
    func canBond(_ monomers: [Int]) -> Bool {
        bonds(for: monomers) != nil
    }
}
