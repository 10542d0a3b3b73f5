/// A class of interchangeable units for the search: units (a monomer, or monomers that must share a
/// polymer) that any solution may swap without changing its polymer count or its constraints.
struct UnitType {
    /// A change of one domain's balance: `amount` sites of surplus (in ``UnitType/surplus``) or of
    /// deficit (in ``UnitType/deficit``).
    struct Amount {
        var domain: Int
        var amount: Int
    }

    /// The copies: each unit's monomer indices.
    var units: [[Int]]
    /// Domains where a unit has more non-limiting than limiting sites, and by how much.
    var surplus: [Amount]
    /// Domains where a unit has more limiting than non-limiting sites, and by how much.
    var deficit: [Amount]
    /// Monomers in each unit.
    var monomersPerUnit: Int
    /// The unit is one monomer under `NOTFREE`: its polymer needs another monomer.
    var needsPartner = false
    /// The unit is under `FREE`: it is a polymer on its own.
    var mustBeAlone = false
    /// Types that may not share a polymer with this one (`NOTTOGETHER`).
    var conflicts: [Int] = []
    /// Special domains (indices into ``SearchProblem/specialDomains``) where a unit has sites.
    var specialDomains: [Int] = []
    /// For plain types, the interchangeable sites a unit has in each special domain.
    var genericSites: [GenericSites] = []
    /// Whether one unit alone is a saturated polymer that meets the constraints.
    var isSelfFeasible = false
    /// Whether the units carry constrained monomers or sites (then there is exactly one unit).
    var isConstrained: Bool

    /// Interchangeable sites of one special domain.
    struct GenericSites {
        var specialDomain: Int
        var plain: Int
        var complement: Int
    }

    var count: Int { units.count }

    /// The unit's balance in `domain` (surplus positive, deficit negative).
    func balance(in domain: Int) -> Int {
        if let entry = surplus.first(where: { $0.domain == domain }) { return entry.amount }
        if let entry = deficit.first(where: { $0.domain == domain }) { return -entry.amount }
        return 0
    }
}
