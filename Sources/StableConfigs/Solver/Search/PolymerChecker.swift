/// Decides saturation of a polymer given as counts of each unit type.
///
/// The search keeps domain balances itself; this type adds what counts cannot say: the matching check
/// of special domains (``SpecialDomain``), and the check of a lone unit.
struct PolymerChecker {
    let problem: SearchProblem

    /// Whether one unit of `type` alone is a saturated polymer that meets the constraints.
    func isSaturated(single type: Int) -> Bool {
        let unitType = problem.types[type]
        guard unitType.deficit.isEmpty, !unitType.needsPartner else { return false }
        var counts = Array(repeating: 0, count: problem.types.count)
        counts[type] = 1
        return unitType.specialDomains.allSatisfy { specialDomainHolds($0, counts: counts) }
    }

    /// Whether the sites of special domain `index` in the polymer with type counts `counts` can be bound
    /// so that every limiting site and every `ANYPAIRED` site is bound, `PAIRED` sites to each other,
    /// and no `NOTPAIRED` pair or `NOTANYPAIRED` site is bound.
    func specialDomainHolds(_ index: Int, counts: [Int]) -> Bool {
        let domain = problem.specialDomains[index]
        var genericPlain = 0
        var genericComplement = 0
        for entry in domain.generic where counts[entry.type] > 0 {
            genericPlain += counts[entry.type] * entry.plain
            genericComplement += counts[entry.type] * entry.complement
        }
        var plainFree: [Int] = []
        var complementFree: [Int] = []
        var plainRequired: [Int] = []
        var complementRequired: [Int] = []
        for (siteIndex, site) in domain.sites.enumerated() where counts[site.owner] > 0 {
            // A PAIRED site is bound to its partner, which is in the same unit.
            if site.partner != nil { continue }
            let isRequired = site.mustPair || site.isComplement == domain.limitingIsComplement
            if site.neverPair {
                if isRequired { return false }
                continue
            }
            if site.isComplement {
                complementFree.append(siteIndex)
                if isRequired { complementRequired.append(siteIndex) }
            } else {
                plainFree.append(siteIndex)
                if isRequired { plainRequired.append(siteIndex) }
            }
        }
        let isForbidden = { (first: Int, second: Int) in domain.sites[first].forbidden.contains(second) }
        let plainLimits = !domain.limitingIsComplement
        return SiteMatcher.canCover(
            required: plainRequired, requiredGeneric: plainLimits ? genericPlain : 0,
            candidates: complementFree, generic: genericComplement, isForbidden: isForbidden
        )
            && SiteMatcher.canCover(
                required: complementRequired, requiredGeneric: plainLimits ? 0 : genericComplement,
                candidates: plainFree, generic: genericPlain, isForbidden: isForbidden
            )
    }
}
