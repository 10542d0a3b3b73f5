/// The problem as the search sees it: unit types with their domain balances, who may supply which
/// domain, and the constraints that a count of sites cannot express.
///
/// A polymer (a multiset of units) is saturated when, in every relevant domain, its balance is not
/// negative: each limiting site then has a distinct complementary site to bind. Special domains add a
/// matching check (``PolymerChecker``).
struct SearchProblem {
    /// Domains where both sides have sites; the others never constrain a configuration.
    var domainCount: Int
    var types: [UnitType]
    /// For each domain, the types with a surplus there.
    var suppliers: [[Supplier]]
    var specialDomains: [SpecialDomain]
    /// Units under `FREE`: each is a polymer on its own (monomer indices).
    var fixedPolymers: [[Int]]
    /// The constraints contradict each other or the TBN: no configuration satisfies them.
    var isInfeasible: Bool

    /// A type with a surplus of `amount` in some domain.
    struct Supplier {
        var type: Int
        var amount: Int
    }

    /// The number of units that the search partitions (all but the fixed ones).
    var searchUnitCount: Int {
        types.reduce(0) { $0 + ($1.mustBeAlone ? 0 : $1.count) }
    }
}
