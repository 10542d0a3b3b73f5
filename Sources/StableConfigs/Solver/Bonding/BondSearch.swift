/// The search state of ``PolymerBonder`` for one polymer.
final class BondSearch {
    /// A site of the polymer with what the search needs to know of it.
    struct Site {
        var reference: TBN.SiteReference
        /// The monomer's position in the polymer.
        var local: Int
        var domain: Int
        /// Sites with one class are interchangeable: same monomer, domain and side, named by no rule.
        var siteClass: Int
    }

    private let rules: SiteRules
    private let monomerCount: Int
    private var limiting: [Site] = []
    /// Per domain, the non-limiting sites, grouped by class.
    private var candidates: [[Site]]
    private var used: [[Bool]]
    /// The candidate index (in its domain) that each assigned limiting site took.
    private var choice: [Int]
    private var feasibleByCounts = true

    init(bonder: PolymerBonder, monomers: [Int]) {
        self.rules = bonder.rules
        monomerCount = monomers.count
        candidates = Array(repeating: [], count: bonder.domains.count)
        var classes: [[Int]: Int] = [:]
        var limitingCount = Array(repeating: 0, count: bonder.domains.count)
        for (local, monomer) in monomers.enumerated() {
            for (position, site) in bonder.tbn.monomers[monomer].sites.enumerated() {
                guard let domain = bonder.domains.index[site.domain] else { continue }
                let reference = TBN.SiteReference(monomer: monomer, site: position)
                let isLimiting = site.isComplement == bonder.domains.limitingIsComplement[domain]
                let key =
                    bonder.rules.mentions(reference) ? [-1, monomer, position] : [local, domain, isLimiting ? 1 : 0]
                let siteClass = classes[key] ?? classes.count
                classes[key] = siteClass
                let entry = Site(reference: reference, local: local, domain: domain, siteClass: siteClass)
                if isLimiting {
                    limiting.append(entry)
                    limitingCount[domain] += 1
                } else {
                    candidates[domain].append(entry)
                }
            }
        }
        for domain in candidates.indices where limitingCount[domain] > candidates[domain].count {
            feasibleByCounts = false
        }
        used = candidates.map { Array(repeating: false, count: $0.count) }
        choice = Array(repeating: -1, count: limiting.count)
        // Sites with a fixed partner first, then the domains with the least room.
        let pools = candidates
        let room = pools.indices.map { pools[$0].count - limitingCount[$0] }
        let rules = bonder.rules
        limiting.sort { lhs, rhs in
            let (lp, rp) = (rules.partner[lhs.reference] != nil, rules.partner[rhs.reference] != nil)
            if lp != rp { return lp }
            if room[lhs.domain] != room[rhs.domain] { return room[lhs.domain] < room[rhs.domain] }
            if lhs.domain != rhs.domain { return lhs.domain < rhs.domain }
            return lhs.siteClass < rhs.siteClass
        }
    }

    /// The bonds found, or `nil` when there are none.
    func run() -> [Bond]? {
        guard feasibleByCounts else { return nil }
        for site in limiting where rules.neverPair.contains(site.reference) { return nil }
        guard assign(0) else { return nil }
        return limiting.indices.map { index in
            let site = limiting[index]
            return Bond(limiting: site.reference, partner: candidates[site.domain][choice[index]].reference)
        }
    }

    private func assign(_ index: Int) -> Bool {
        if index == limiting.count { return isComplete() }
        guard canStillConnect(from: index), mustPairSitesReachable(from: index) else { return false }
        let site = limiting[index]
        let pool = candidates[site.domain]
        // Interchangeable limiting sites take their partners in increasing order.
        var lowest = 0
        if index > 0, limiting[index - 1].siteClass == site.siteClass, !rules.mentions(site.reference) {
            lowest = choice[index - 1] + 1
        }
        let component = components()
        var options: [Int] = []
        var seenClasses = Set<Int>()
        for position in pool.indices where !used[site.domain][position] {
            let candidate = pool[position]
            guard position >= lowest, rules.allows(site.reference, candidate.reference) else { continue }
            guard seenClasses.insert(candidate.siteClass).inserted else { continue }
            options.append(position)
        }
        // Partners outside the site's current component first: they connect.
        options.sort { lhs, rhs in
            let lo = component[pool[lhs].local] != component[site.local]
            let ro = component[pool[rhs].local] != component[site.local]
            if lo != ro { return lo }
            return lhs < rhs
        }
        for position in options {
            used[site.domain][position] = true
            choice[index] = position
            if assign(index + 1) { return true }
            used[site.domain][position] = false
            choice[index] = -1
        }
        return false
    }

    private func isComplete() -> Bool {
        for domain in candidates.indices {
            for (position, candidate) in candidates[domain].enumerated()
            where !used[domain][position] && rules.mustPair.contains(candidate.reference) {
                return false
            }
        }
        let component = components()
        return component.allSatisfy { $0 == component[0] }
    }

    /// Component labels of the monomers under the bonds assigned so far.
    private func components() -> [Int] {
        var sets = DisjointSets(count: monomerCount)
        for (index, position) in choice.enumerated() where position >= 0 {
            let site = limiting[index]
            sets.union(site.local, candidates[site.domain][position].local)
        }
        return (0..<monomerCount).map { sets.find($0) }
    }

    /// Whether the assigned bonds plus every bond still possible could connect the polymer.
    private func canStillConnect(from index: Int) -> Bool {
        if monomerCount == 1 { return true }
        var sets = DisjointSets(count: monomerCount)
        for (assigned, position) in choice.enumerated() where position >= 0 {
            let site = limiting[assigned]
            sets.union(site.local, candidates[site.domain][position].local)
        }
        for open in index..<limiting.count {
            let site = limiting[open]
            for (position, candidate) in candidates[site.domain].enumerated() where !used[site.domain][position] {
                sets.union(site.local, candidate.local)
            }
        }
        let root = sets.find(0)
        return (1..<monomerCount).allSatisfy { sets.find($0) == root }
    }

    /// Whether every unbound `ANYPAIRED` site still has an open limiting site that may take it.
    private func mustPairSitesReachable(from index: Int) -> Bool {
        guard !rules.mustPair.isEmpty else { return true }
        for domain in candidates.indices {
            for (position, candidate) in candidates[domain].enumerated()
            where !used[domain][position] && rules.mustPair.contains(candidate.reference) {
                let reachable = (index..<limiting.count).contains {
                    limiting[$0].domain == domain && rules.allows(limiting[$0].reference, candidate.reference)
                }
                if !reachable { return false }
            }
        }
        return true
    }
}
