extension PartitionSearch {
    /// Why the open polymer is not saturated yet, or that it is.
    enum PolymerStatus {
        case saturated
        /// Its balance in this domain is negative.
        case lacks(Int)
        /// It holds a `NOTFREE` monomer alone.
        case needsPartner
        /// The matching check of this special domain fails.
        case unmatched(Int)
    }

    func status() -> PolymerStatus {
        var bestDomain = -1
        var bestOptions = Int.max
        var bestDeficit = 0
        for domain in 0..<problem.domainCount where balance[domain] < 0 {
            var options = 0
            for supplier in problem.suppliers[domain] where available(supplier.type) > 0 { options += 1 }
            if options < bestOptions || (options == bestOptions && -balance[domain] > bestDeficit) {
                bestDomain = domain
                bestOptions = options
                bestDeficit = -balance[domain]
            }
        }
        if bestDomain >= 0 { return .lacks(bestDomain) }
        if partnersNeeded > 0 && polymerMonomers < 2 { return .needsPartner }
        for special in problem.specialDomains.indices where !checker.specialDomainHolds(special, counts: inPolymer) {
            return .unmatched(special)
        }
        return .saturated
    }

    /// Adds every unit that the open polymer must contain because, without it, the units it may still
    /// take cannot cover one of its deficits; returns `false` when some deficit cannot be covered at all.
    func propagate(forced: inout [Int]) -> Bool {
        var changed = true
        while changed {
            changed = false
            domains: for domain in 0..<problem.domainCount where balance[domain] < 0 {
                let need = -balance[domain]
                var total = 0
                for supplier in problem.suppliers[domain] { total += available(supplier.type) * supplier.amount }
                if total < need { return false }
                for supplier in problem.suppliers[domain] {
                    let copies = available(supplier.type)
                    guard copies > 0 else { continue }
                    let others = total - copies * supplier.amount
                    guard others < need else { continue }
                    let required = (need - others + supplier.amount - 1) / supplier.amount
                    for _ in 0..<required {
                        add(supplier.type)
                        forced.append(supplier.type)
                    }
                    changed = true
                    break domains
                }
            }
        }
        return true
    }

    /// The types that can supply `domain`, most promising first.
    func supplyCandidates(for domain: Int) -> [Int] {
        ordered(problem.suppliers[domain].map(\.type).filter { available($0) > 0 })
    }

    /// The types that may join a saturated open polymer: with `irreducibleOnly`, deficit types only (a
    /// polymer that gains only self-saturated units splits into two saturated ones).
    func extensionCandidates() -> [Int] {
        ordered(
            problem.types.indices.filter {
                available($0) > 0 && (!settings.irreducibleOnly || !problem.types[$0].isSelfFeasible)
            })
    }

    /// Orders candidates by the total deficit the open polymer would have with one more copy, then
    /// self-saturated types first.
    private func ordered(_ candidates: [Int]) -> [Int] {
        let keyed = candidates.map { type -> (type: Int, deficit: Int, saturated: Bool) in
            let unitType = problem.types[type]
            var change = 0
            for entry in unitType.surplus where balance[entry.domain] < 0 {
                change -= min(entry.amount, -balance[entry.domain])
            }
            for entry in unitType.deficit {
                change += max(0, entry.amount - max(0, balance[entry.domain]))
            }
            return (type, change, unitType.isSelfFeasible)
        }
        return keyed.sorted {
            if $0.deficit != $1.deficit { return $0.deficit < $1.deficit }
            if $0.saturated != $1.saturated { return $0.saturated }
            return $0.type < $1.type
        }.map(\.type)
    }

    /// The unit to build the next polymer around: the deficit type whose most demanding domain has the
    /// fewest supplier types (then the least spare supply); a self-saturated type when none is left.
    func chooseSeed() -> Int {
        var best = -1
        var bestScore = (Int.max, Int.max)
        for (index, type) in problem.types.enumerated() where remaining[index] > 0 && !type.isSelfFeasible {
            var score = (Int.max / 2, Int.max / 2)
            for entry in type.deficit {
                var options = 0
                var supply = 0
                for supplier in problem.suppliers[entry.domain] where remaining[supplier.type] > 0 {
                    options += 1
                    supply += remaining[supplier.type] * supplier.amount
                }
                let candidate = (options, supply - entry.amount)
                if candidate < score { score = candidate }
            }
            if score < bestScore {
                best = index
                bestScore = score
            }
        }
        if best >= 0 { return best }
        return remaining.firstIndex { $0 > 0 }!
    }

    /// An upper bound on the polymer count of any configuration below this node.
    func upperBound(withOpenPolymer: Bool) -> Int {
        var base = closed.count + problem.fixedPolymers.count
        var extra: TransversalBound.Item?
        if withOpenPolymer {
            var surplus: [UnitType.Amount] = []
            var deficit: [UnitType.Amount] = []
            for domain in 0..<problem.domainCount where balance[domain] != 0 {
                if balance[domain] > 0 {
                    surplus.append(.init(domain: domain, amount: balance[domain]))
                } else {
                    deficit.append(.init(domain: domain, amount: -balance[domain]))
                }
            }
            // The open polymer ends as one polymer: count it as a self-saturated unit unless it lacks a
            // domain, where it is a deficit unit like any other.
            if deficit.isEmpty { base += 1 } else { extra = TransversalBound.Item(surplus: surplus, deficit: deficit) }
        }
        let bound = base + bounder.bound(remaining: remaining, selfSaturated: selfSaturatedRemaining, extra: extra)
        return min(bound, rootBound)
    }
}
