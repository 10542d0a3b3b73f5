import StableConfigs

/// Exhaustive answers for tiny TBNs, from the definitions alone: every partition of the monomers, each
/// polymer checked by trying every bonding.
struct BruteForce {
    let tbn: TBN
    let applyConstraints: Bool

    /// The polymer counts of every valid configuration (one per distinct partition), most first.
    func validCounts() -> [Int] {
        var counts: [Int] = []
        forEachPartition { parts in
            if isValid(parts) { counts.append(parts.count) }
        }
        return counts.sorted(by: >)
    }

    private func forEachPartition(_ body: ([[Int]]) -> Void) {
        let n = tbn.monomers.count
        var labels = Array(repeating: 0, count: n)
        func place(_ index: Int, _ used: Int) {
            if index == n {
                var parts = Array(repeating: [Int](), count: used)
                for (monomer, label) in labels.enumerated() { parts[label].append(monomer) }
                body(parts)
                return
            }
            for label in 0...used {
                labels[index] = label
                place(index + 1, max(used, label + 1))
            }
        }
        place(0, 0)
    }

    private func isValid(_ parts: [[Int]]) -> Bool {
        var partOf = Array(repeating: 0, count: tbn.monomers.count)
        for (index, part) in parts.enumerated() { for monomer in part { partOf[monomer] = index } }
        if applyConstraints {
            for constraint in tbn.constraints {
                let monomers = constraint.arguments.compactMap { tbn.monomerIndex(named: $0) }
                switch constraint.kind {
                case .together: if Set(monomers.map { partOf[$0] }).count != 1 { return false }
                case .notTogether: if partOf[monomers[0]] == partOf[monomers[1]] { return false }
                case .free: if parts[partOf[monomers[0]]].count != 1 { return false }
                case .notFree: if parts[partOf[monomers[0]]].count < 2 { return false }
                default: break
                }
            }
        }
        return parts.allSatisfy(isPolymer)
    }

    /// Whether some bonding of `part` binds every limiting site, keeps the site constraints and connects it.
    private func isPolymer(_ part: [Int]) -> Bool {
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
        var limiting: [TBN.SiteReference] = []
        var others: [TBN.SiteReference] = []
        for monomer in part {
            for (index, site) in tbn.monomers[monomer].sites.enumerated() {
                let (p, c) = (plain[site.domain, default: 0], complement[site.domain, default: 0])
                guard p > 0 && c > 0 else { continue }
                let reference = TBN.SiteReference(monomer: monomer, site: index)
                if site.isComplement == (p > c) { limiting.append(reference) } else { others.append(reference) }
            }
        }
        var used = Array(repeating: false, count: others.count)
        var bonds: [(TBN.SiteReference, TBN.SiteReference)] = []
        func search(_ index: Int) -> Bool {
            if index == limiting.count { return bondingIsValid(part, bonds) }
            for (position, other) in others.enumerated() where !used[position] {
                guard tbn[limiting[index]].isComplementary(to: tbn[other]) else { continue }
                used[position] = true
                bonds.append((limiting[index], other))
                if search(index + 1) { return true }
                bonds.removeLast()
                used[position] = false
            }
            return false
        }
        return search(0)
    }

    private func bondingIsValid(_ part: [Int], _ bonds: [(TBN.SiteReference, TBN.SiteReference)]) -> Bool {
        var reached: Set<Int> = [part[0]]
        var changed = true
        while changed {
            changed = false
            for (a, b) in bonds where reached.contains(a.monomer) != reached.contains(b.monomer) {
                reached.insert(a.monomer)
                reached.insert(b.monomer)
                changed = true
            }
        }
        guard reached.count == part.count else { return false }
        guard applyConstraints else { return true }
        let isBond = { (x: TBN.SiteReference, y: TBN.SiteReference) in
            bonds.contains { ($0.0 == x && $0.1 == y) || ($0.0 == y && $0.1 == x) }
        }
        let isBound = { (x: TBN.SiteReference) in bonds.contains { $0.0 == x || $0.1 == x } }
        for constraint in tbn.constraints {
            let sites = constraint.arguments.compactMap { tbn.site(named: $0) }
            guard sites.count == constraint.arguments.count, sites.allSatisfy({ part.contains($0.monomer) }) else {
                if constraint.kind == .paired, sites.contains(where: { part.contains($0.monomer) }) { return false }
                if constraint.kind == .anyPaired, sites.contains(where: { part.contains($0.monomer) }) { return false }
                continue
            }
            switch constraint.kind {
            case .paired: if !isBond(sites[0], sites[1]) { return false }
            case .notPaired: if isBond(sites[0], sites[1]) { return false }
            case .anyPaired: if !isBound(sites[0]) { return false }
            case .notAnyPaired: if isBound(sites[0]) { return false }
            default: break
            }
        }
        return true
    }
}
