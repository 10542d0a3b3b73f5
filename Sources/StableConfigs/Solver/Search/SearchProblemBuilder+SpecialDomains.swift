extension SearchProblemBuilder {
    /// Lists the sites of constrained units in every special domain, counts the others, and applies the
    /// pairing constraints (`PAIRED`, `NOTPAIRED`, `ANYPAIRED`, `NOTANYPAIRED`) to the listed sites.
    mutating func makeSpecialDomains(types: inout [UnitType], typeOfMonomer: [Int]) -> [SpecialDomain] {
        let special = specialDomainIndices().sorted()
        var result = special.map {
            SpecialDomain(domain: $0, limitingIsComplement: domains.limitingIsComplement[$0])
        }
        var specialIndex: [Int: Int] = [:]
        for (index, domain) in special.enumerated() { specialIndex[domain] = index }
        var siteIndex: [TBN.SiteReference: Int] = [:]

        for typeIndex in types.indices {
            let unit = types[typeIndex].units[0]
            var counts: [Int: (plain: Int, complement: Int)] = [:]
            for monomer in unit {
                for (position, site) in tbn.monomers[monomer].sites.enumerated() {
                    guard let domain = domains.index[site.domain], let sd = specialIndex[domain] else { continue }
                    var entry = counts[sd, default: (0, 0)]
                    if site.isComplement { entry.complement += 1 } else { entry.plain += 1 }
                    counts[sd] = entry
                    if types[typeIndex].isConstrained {
                        siteIndex[TBN.SiteReference(monomer: monomer, site: position)] = result[sd].sites.count
                        result[sd].sites.append(SpecialDomain.Site(owner: typeIndex, isComplement: site.isComplement))
                    }
                }
            }
            for sd in counts.keys.sorted() {
                types[typeIndex].specialDomains.append(sd)
                guard !types[typeIndex].isConstrained, let entry = counts[sd] else { continue }
                result[sd].generic.append((typeIndex, entry.plain, entry.complement))
                types[typeIndex].genericSites.append(
                    .init(specialDomain: sd, plain: entry.plain, complement: entry.complement))
            }
        }

        for constraint in constraints where constraint.kind.refersToBindingSites {
            let located = constraint.arguments.compactMap { name -> (sd: Int, site: Int)? in
                guard let reference = tbn.site(named: name),
                    let domain = domains.index[tbn[reference].domain],
                    let sd = specialIndex[domain], let site = siteIndex[reference]
                else { return nil }
                return (sd, site)
            }
            guard located.count == constraint.arguments.count else { continue }
            switch constraint.kind {
            case .paired:
                let (first, second) = (located[0], located[1])
                for (site, partner) in [(first.site, second.site), (second.site, first.site)] {
                    if let existing = result[first.sd].sites[site].partner, existing != partner { isInfeasible = true }
                    result[first.sd].sites[site].partner = partner
                }
            case .notPaired:
                let (first, second) = (located[0], located[1])
                if first.sd == second.sd && first.site != second.site {
                    result[first.sd].sites[first.site].forbidden.append(second.site)
                    result[first.sd].sites[second.site].forbidden.append(first.site)
                }
            case .anyPaired:
                result[located[0].sd].sites[located[0].site].mustPair = true
            case .notAnyPaired:
                result[located[0].sd].sites[located[0].site].neverPair = true
            default:
                break
            }
        }

        for domain in result {
            for site in domain.sites {
                let isLimiting = site.isComplement == domain.limitingIsComplement
                if site.neverPair && (site.partner != nil || site.mustPair || isLimiting) { isInfeasible = true }
                if let partner = site.partner, site.forbidden.contains(partner) { isInfeasible = true }
            }
        }
        return result
    }
}
