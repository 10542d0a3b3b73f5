import StableConfigs

/// Checks a configuration against the definitions, independently of the solver: a partition of the
/// monomers, bonds between complementary sites of one polymer with each site bound at most once, every
/// limiting site bound, each polymer connected by its bonds, and the TBN's constraints kept.
struct ConfigurationVerifier {
    let tbn: TBN

    /// The problems found; empty when the configuration is valid.
    func problems(in configuration: Configuration, checkingConstraints: Bool = true) -> [String] {
        var problems: [String] = []
        let count = tbn.monomers.count
        var polymerOf = Array(repeating: -1, count: count)
        for (index, polymer) in configuration.polymers.enumerated() {
            if polymer.isEmpty { problems.append("polymer \(index) is empty") }
            for monomer in polymer {
                guard monomer >= 0 && monomer < count else {
                    problems.append("monomer \(monomer) out of range")
                    continue
                }
                if polymerOf[monomer] != -1 { problems.append("monomer \(monomer) in two polymers") }
                polymerOf[monomer] = index
            }
        }
        if let missing = polymerOf.firstIndex(of: -1) { problems.append("monomer \(missing) in no polymer") }
        guard problems.isEmpty else { return problems }

        // Limiting sides, counted here from the sites themselves.
        var plain: [String: Int] = [:]
        var complement: [String: Int] = [:]
        for monomer in tbn.monomers {
            for site in monomer.sites {
                if site.isComplement {
                    complement[site.domain, default: 0] += 1
                } else {
                    plain[site.domain, default: 0] += 1
                }
            }
        }
        func isLimiting(_ site: BindingSite) -> Bool {
            let (p, c) = (plain[site.domain, default: 0], complement[site.domain, default: 0])
            guard p > 0 && c > 0 else { return false }
            return site.isComplement == (p > c)
        }

        var bound = Set<TBN.SiteReference>()
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { x = parent[x] }
            return x
        }
        var paired = Set<[TBN.SiteReference]>()
        for bond in configuration.bonds {
            let (a, b) = (bond.limiting, bond.partner)
            guard a.monomer < count, b.monomer < count, a.site < tbn.monomers[a.monomer].sites.count,
                b.site < tbn.monomers[b.monomer].sites.count
            else {
                problems.append("bond names a missing site")
                continue
            }
            let (siteA, siteB) = (tbn[a], tbn[b])
            if siteA.domain != siteB.domain || siteA.isComplement == siteB.isComplement {
                problems.append("bond \(siteA.token)-\(siteB.token) is not complementary")
            }
            if !isLimiting(siteA) { problems.append("bond's first site \(siteA.token) is not limiting") }
            if !bound.insert(a).inserted || !bound.insert(b).inserted { problems.append("a site is bound twice") }
            if polymerOf[a.monomer] != polymerOf[b.monomer] { problems.append("bond across polymers") }
            parent[root(a.monomer)] = root(b.monomer)
            paired.insert([a, b])
            paired.insert([b, a])
        }
        for (monomerIndex, monomer) in tbn.monomers.enumerated() {
            for (siteIndex, site) in monomer.sites.enumerated() where isLimiting(site) {
                if !bound.contains(TBN.SiteReference(monomer: monomerIndex, site: siteIndex)) {
                    problems.append("limiting site \(site.token) of monomer \(monomerIndex) is unbound")
                }
            }
        }
        for (index, polymer) in configuration.polymers.enumerated() {
            let first = root(polymer[0])
            if polymer.contains(where: { root($0) != first }) { problems.append("polymer \(index) is not connected") }
        }
        if checkingConstraints {
            problems += constraintProblems(
                polymerOf: polymerOf, bound: bound, paired: paired, configuration: configuration)
        }
        return problems
    }

    private func constraintProblems(
        polymerOf: [Int], bound: Set<TBN.SiteReference>, paired: Set<[TBN.SiteReference]>,
        configuration: Configuration
    ) -> [String] {
        var problems: [String] = []
        for constraint in tbn.constraints {
            let monomers = constraint.arguments.compactMap { tbn.monomerIndex(named: $0) }
            let sites = constraint.arguments.compactMap { tbn.site(named: $0) }
            let holds: Bool
            switch constraint.kind {
            case .together: holds = Set(monomers.map { polymerOf[$0] }).count == 1
            case .notTogether: holds = polymerOf[monomers[0]] != polymerOf[monomers[1]]
            case .free: holds = configuration.polymers[polymerOf[monomers[0]]].count == 1
            case .notFree: holds = configuration.polymers[polymerOf[monomers[0]]].count > 1
            case .paired: holds = paired.contains([sites[0], sites[1]])
            case .notPaired: holds = !paired.contains([sites[0], sites[1]])
            case .anyPaired: holds = bound.contains(sites[0])
            case .notAnyPaired: holds = !bound.contains(sites[0])
            }
            if !holds { problems.append("constraint '\(constraint.line)' does not hold") }
        }
        return problems
    }
}
