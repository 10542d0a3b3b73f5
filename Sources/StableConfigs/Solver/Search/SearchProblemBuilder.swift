/// Compiles a ``TBN`` (and optionally its constraints) into a ``SearchProblem``.
///
/// Monomers that constraints tie together (`TOGETHER`, `PAIRED`) become one unit; units that no
/// constraint mentions are grouped into types (``UnitTyping``); every constrained unit is a type of
/// its own. Contradictions that no configuration can meet set ``SearchProblem/isInfeasible``.
struct SearchProblemBuilder {
    let tbn: TBN
    let constraints: [Constraint]
    let domains: DomainTable
    var isInfeasible = false

    /// Builds the problem; `applyingConstraints: false` ignores the TBN's constraints.
    /// `bondable`, when given, decides whether a unit alone is one polymer (see ``PolymerBonder``); without
    /// it, a unit whose balances allow is taken to be one.
    static func build(
        tbn: TBN, applyingConstraints: Bool, typing: UnitTyping, bondable: (([Int]) -> Bool)? = nil
    ) -> SearchProblem {
        var builder = SearchProblemBuilder(tbn: tbn, constraints: applyingConstraints ? tbn.constraints : [])
        return builder.build(typing: typing, bondable: bondable)
    }

    private init(tbn: TBN, constraints: [Constraint]) {
        self.tbn = tbn
        self.constraints = constraints
        self.domains = DomainTable(monomers: tbn.monomers)
    }

    private mutating func build(typing: UnitTyping, bondable: (([Int]) -> Bool)?) -> SearchProblem {
        let units = makeUnits()
        let constrainedMonomers = constrainedMonomerSet()
        var types = makeTypes(units: units, constrained: constrainedMonomers, typing: typing)
        var typeOfMonomer = Array(repeating: 0, count: tbn.monomers.count)
        for (typeIndex, type) in types.enumerated() {
            for unit in type.units { for monomer in unit { typeOfMonomer[monomer] = typeIndex } }
        }
        applyMonomerConstraints(to: &types, typeOfMonomer: typeOfMonomer)
        let specialDomains = makeSpecialDomains(types: &types, typeOfMonomer: typeOfMonomer)
        var suppliers = Array(repeating: [SearchProblem.Supplier](), count: domains.count)
        for (typeIndex, type) in types.enumerated() {
            for entry in type.surplus {
                suppliers[entry.domain].append(SearchProblem.Supplier(type: typeIndex, amount: entry.amount))
            }
        }
        var problem = SearchProblem(
            domainCount: domains.count, types: types, suppliers: suppliers, specialDomains: specialDomains,
            fixedPolymers: [], isInfeasible: isInfeasible
        )
        let checker = PolymerChecker(problem: problem)
        for typeIndex in problem.types.indices {
            var isSelfFeasible = checker.isSaturated(single: typeIndex)
            if isSelfFeasible, let bondable { isSelfFeasible = bondable(problem.types[typeIndex].units[0]) }
            problem.types[typeIndex].isSelfFeasible = isSelfFeasible
            let type = problem.types[typeIndex]
            if type.mustBeAlone {
                if !type.isSelfFeasible { problem.isInfeasible = true }
                problem.fixedPolymers.append(contentsOf: type.units)
            }
        }
        return problem
    }

    /// Groups monomers that `TOGETHER` or `PAIRED` put in one polymer.
    private func makeUnits() -> [[Int]] {
        var sets = DisjointSets(count: tbn.monomers.count)
        for constraint in constraints {
            switch constraint.kind {
            case .together:
                let members = constraint.arguments.compactMap { tbn.monomerIndex(named: $0) }
                for member in members.dropFirst() { sets.union(members[0], member) }
            case .paired:
                let sites = constraint.arguments.compactMap { tbn.site(named: $0) }
                if sites.count == 2 { sets.union(sites[0].monomer, sites[1].monomer) }
            default:
                break
            }
        }
        var unitOfRoot: [Int: Int] = [:]
        var units: [[Int]] = []
        for monomer in tbn.monomers.indices {
            let root = sets.find(monomer)
            if let unit = unitOfRoot[root] {
                units[unit].append(monomer)
            } else {
                unitOfRoot[root] = units.count
                units.append([monomer])
            }
        }
        return units
    }

    private func constrainedMonomerSet() -> Set<Int> {
        var result = Set<Int>()
        for constraint in constraints {
            for argument in constraint.arguments {
                if constraint.kind.refersToBindingSites {
                    if let site = tbn.site(named: argument) { result.insert(site.monomer) }
                } else if let monomer = tbn.monomerIndex(named: argument) {
                    result.insert(monomer)
                }
            }
        }
        return result
    }

    private func makeTypes(units: [[Int]], constrained: Set<Int>, typing: UnitTyping) -> [UnitType] {
        var types: [UnitType] = []
        var typeOfKey: [[String]: Int] = [:]
        for unit in units {
            let isConstrained = unit.count > 1 || unit.contains { constrained.contains($0) }
            if !isConstrained {
                let key = typeKey(of: unit[0], typing: typing)
                if let existing = typeOfKey[key] {
                    types[existing].units.append(unit)
                    continue
                }
                typeOfKey[key] = types.count
            }
            let balance = balances(of: unit)
            types.append(
                UnitType(
                    units: [unit],
                    surplus: balance.filter { $0.amount > 0 },
                    deficit: balance.filter { $0.amount < 0 }.map { .init(domain: $0.domain, amount: -$0.amount) },
                    monomersPerUnit: unit.count,
                    isConstrained: isConstrained
                )
            )
        }
        return types
    }

    /// The key under which interchangeable unconstrained monomers group.
    private func typeKey(of monomer: Int, typing: UnitTyping) -> [String] {
        switch typing {
        case .byTokens:
            return tbn.monomers[monomer].tokens
        case .byBalance:
            // Balances per relevant domain, plus the raw side counts where they matter to matching.
            var sides: [Int: (plain: Int, complement: Int)] = [:]
            for site in tbn.monomers[monomer].sites {
                guard let domain = domains.index[site.domain] else { continue }
                var entry = sides[domain, default: (0, 0)]
                if site.isComplement { entry.complement += 1 } else { entry.plain += 1 }
                sides[domain] = entry
            }
            let special = specialDomainIndices()
            return sides.keys.sorted().compactMap { domain in
                let entry = sides[domain]!
                if special.contains(domain) { return "\(domain):\(entry.plain):\(entry.complement)" }
                let limitingIsComplement = domains.limitingIsComplement[domain]
                let balance = limitingIsComplement ? entry.plain - entry.complement : entry.complement - entry.plain
                return balance == 0 ? nil : "\(domain)=\(balance)"
            }
        }
    }

    private func balances(of unit: [Int]) -> [UnitType.Amount] {
        var balance: [Int: Int] = [:]
        for monomer in unit {
            for site in tbn.monomers[monomer].sites {
                if let contribution = domains.contribution(of: site) {
                    balance[contribution.domain, default: 0] += contribution.amount
                }
            }
        }
        return balance.keys.sorted().compactMap { domain in
            balance[domain] == 0 ? nil : UnitType.Amount(domain: domain, amount: balance[domain]!)
        }
    }

    /// Relevant domains that a pairing constraint (`PAIRED`, `NOTPAIRED`, `ANYPAIRED`, `NOTANYPAIRED`)
    /// names a site of.
    func specialDomainIndices() -> Set<Int> {
        var result = Set<Int>()
        for constraint in constraints where constraint.kind.refersToBindingSites {
            for argument in constraint.arguments {
                if let reference = tbn.site(named: argument), let domain = domains.index[tbn[reference].domain] {
                    result.insert(domain)
                }
            }
        }
        return result
    }

    private mutating func applyMonomerConstraints(to types: inout [UnitType], typeOfMonomer: [Int]) {
        for constraint in constraints {
            let members = constraint.arguments.compactMap { tbn.monomerIndex(named: $0) }
            switch constraint.kind {
            case .free:
                let type = typeOfMonomer[members[0]]
                types[type].mustBeAlone = true
                if types[type].monomersPerUnit > 1 { isInfeasible = true }
            case .notFree:
                let type = typeOfMonomer[members[0]]
                if types[type].monomersPerUnit == 1 { types[type].needsPartner = true }
            case .notTogether:
                let (first, second) = (typeOfMonomer[members[0]], typeOfMonomer[members[1]])
                if first == second {
                    isInfeasible = true
                } else {
                    types[first].conflicts.append(second)
                    types[second].conflicts.append(first)
                }
            default:
                break
            }
        }
    }
}
