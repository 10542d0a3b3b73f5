/// The domains of a TBN with both sides present, numbered, with the side that limits each.
struct DomainTable {
    /// Relevant domain name to its index.
    private(set) var index: [String: Int] = [:]
    /// Per relevant domain: whether the complementary side (`a*`) is the limiting one.
    private(set) var limitingIsComplement: [Bool] = []

    init(monomers: [Monomer]) {
        var counts: [String: (plain: Int, complement: Int)] = [:]
        var order: [String] = []
        for monomer in monomers {
            for site in monomer.sites {
                if counts[site.domain] == nil { order.append(site.domain) }
                var entry = counts[site.domain, default: (0, 0)]
                if site.isComplement { entry.complement += 1 } else { entry.plain += 1 }
                counts[site.domain] = entry
            }
        }
        for domain in order {
            guard let entry = counts[domain], entry.plain > 0, entry.complement > 0 else { continue }
            index[domain] = limitingIsComplement.count
            // The unstarred side limits on a tie, as the reference does.
            limitingIsComplement.append(entry.plain > entry.complement)
        }
    }

    var count: Int { limitingIsComplement.count }

    /// The balance contribution of `site`: +1 for a non-limiting site, -1 for a limiting one, with its
    /// domain index; `nil` when its domain is not relevant.
    func contribution(of site: BindingSite) -> (domain: Int, amount: Int)? {
        guard let domain = index[site.domain] else { return nil }
        return (domain, site.isComplement == limitingIsComplement[domain] ? -1 : 1)
    }
}
