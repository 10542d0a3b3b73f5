/// Rejects constraints that no configuration of the TBN can meet whatever the others say, with the
/// reference implementation's messages: `TOGETHER` on monomers that no chain of complementary sites links,
/// `NOTFREE` on a monomer that nothing else can bind, `PAIRED` on sites that are not complementary,
/// `ANYPAIRED` on a site whose domain has no complementary site.
struct ConstraintCheck {
    let tbn: TBN
    private var linked: DisjointSets
    private var sides: [String: (plain: Int, complement: Int)] = [:]

    init(tbn: TBN) {
        self.tbn = tbn
        linked = DisjointSets(count: tbn.monomers.count)
        var holders: [String: [Int]] = [:]
        for (index, monomer) in tbn.monomers.enumerated() {
            for site in monomer.sites {
                var entry = sides[site.domain, default: (0, 0)]
                if site.isComplement { entry.complement += 1 } else { entry.plain += 1 }
                sides[site.domain] = entry
                holders[site.domain, default: []].append(index)
            }
        }
        // Every holder of a domain with both sides can bind some holder of the other side: all are linked.
        for (domain, members) in holders {
            guard let entry = sides[domain], entry.plain > 0, entry.complement > 0 else { continue }
            for member in members { linked.union(members[0], member) }
        }
    }

    /// Throws the error for the first constraint, in input order, that cannot hold.
    mutating func check() throws(TBNError) {
        for constraint in tbn.constraints {
            switch constraint.kind {
            case .together:
                let members = constraint.arguments.compactMap { tbn.monomerIndex(named: $0) }
                for (position, member) in members.enumerated() {
                    for earlier in members[..<position] where !canLink(member, earlier) {
                        throw .togetherImpossible(constraint.arguments[position], tbn.monomers[earlier].name ?? "")
                    }
                }
            case .notFree:
                guard let member = tbn.monomerIndex(named: constraint.arguments[0]) else { continue }
                let hasPartner = tbn.monomers.indices.contains {
                    $0 != member && linked.find($0) == linked.find(member)
                }
                if !hasPartner { throw .notFreeImpossible(constraint.arguments[0]) }
            case .paired:
                guard let first = tbn.site(named: constraint.arguments[0]),
                    let second = tbn.site(named: constraint.arguments[1])
                else { continue }
                if !tbn[first].isComplementary(to: tbn[second]) {
                    throw .notComplementary(constraint.arguments[0], constraint.arguments[1])
                }
            case .anyPaired:
                guard let site = tbn.site(named: constraint.arguments[0]) else { continue }
                let entry = sides[tbn[site].domain, default: (0, 0)]
                if (tbn[site].isComplement ? entry.plain : entry.complement) == 0 {
                    throw .noComplementarySite(constraint.arguments[0])
                }
            case .notTogether, .free, .notPaired, .notAnyPaired:
                break
            }
        }
    }

    private mutating func canLink(_ first: Int, _ second: Int) -> Bool {
        first == second || linked.find(first) == linked.find(second)
    }
}
