/// A domain with constrained binding sites, where a polymer's saturation needs a matching check
/// rather than a count: the sites of constrained units are listed one by one, the others are counted.
struct SpecialDomain {
    /// One site of a constrained unit in this domain.
    struct Site {
        /// The unit type (always a single-unit type) that carries the site.
        var owner: Int
        var isComplement: Bool
        /// `ANYPAIRED`: the site must be bound.
        var mustPair = false
        /// `NOTANYPAIRED`: the site must stay unbound.
        var neverPair = false
        /// `PAIRED`: the site is bound to this one (an index into ``SpecialDomain/sites``).
        var partner: Int?
        /// `NOTPAIRED`: the site may not bind these (indices into ``SpecialDomain/sites``).
        var forbidden: [Int] = []
    }

    /// The domain's index among the relevant domains.
    var domain: Int
    /// Whether the complementary side (`a*`) is the limiting one.
    var limitingIsComplement: Bool
    var sites: [Site] = []
    /// Plain types with sites in this domain, and how many of each side one unit has.
    var generic: [(type: Int, plain: Int, complement: Int)] = []
}
