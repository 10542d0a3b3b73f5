import StableConfigs
import Testing

/// `gen` (several distinct configurations) and exactness against exhaustive search on small TBNs.
@Suite struct GenerationTests {
    @Test func genReturnsDistinctValidConfigurationsBestFirst() throws {
        let tbn = try ExampleData.tbn("classic.txt")
        let result = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 5))
        #expect(result.entropy == 3)
        let printed = result.configurations.map { Set($0.polymerTokens(in: tbn)) }
        #expect(Set(printed).count == result.configurations.count)
        let counts = result.configurations.map(\.polymerCount)
        #expect(counts == counts.sorted(by: >))
        #expect(counts.first == 3)
        for configuration in result.configurations {
            #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [])
        }
        let exhaustive = BruteForce(tbn: tbn, applyConstraints: true).validCounts()
        #expect(counts == Array(exhaustive.prefix(5)))
    }

    @Test func genStopsWhenNoConfigurationIsLeft() throws {
        let tbn = try TBN.parse(monomerText: "a >m1\na* >m2")
        let result = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 10))
        #expect(result.configurations.map(\.polymerCount) == [1])
    }

    @Test func genWithInitialCountKeepsOnlyLargeConfigurations() throws {
        let tbn = try ExampleData.tbn("and_gate.txt", constraints: "and_gate_constraints.txt")
        let result = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 4, minimumPolymers: 4))
        #expect(!result.configurations.isEmpty)
        #expect(result.configurations.allSatisfy { $0.polymerCount >= 4 })
        #expect(Set(result.configurations.map { Set($0.polymerTokens(in: tbn)) }).count == result.configurations.count)
        for configuration in result.configurations {
            #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [])
        }
    }

    @Test func balancedButUnconnectableSetIsNotOnePolymer() throws {
        // a, a*, a, a* balance, but each a* binds one a: two polymers at least, never one.
        let tbn = try TBN.parse(monomerText: "a >p\na* >q\na >r\na* >s", constraintText: "TOGETHER p q r s")
        let result = try StableConfigsSolver(tbn: tbn).solve()
        #expect(result.entropy == 2)
        #expect(result.configurations.isEmpty)
    }

    /// Random small TBNs (named monomers, so partitions print distinctly) against exhaustive search.
    @Test(arguments: 0..<150)
    func matchesExhaustiveSearch(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 7919 &+ 17)
        let domains = ["a", "b", "c"]
        var lines: [String] = []
        let monomerCount = 3 + random.next(5)
        for index in 0..<monomerCount {
            var tokens: [String] = []
            for siteIndex in 0..<(1 + random.next(3)) {
                let domain = domains[random.next(domains.count)] + (random.next(2) == 0 ? "" : "*")
                tokens.append(domain + ":s\(index)_\(siteIndex)")
            }
            lines.append(tokens.joined(separator: " ") + " >m\(index)")
        }
        var constraints: [String] = []
        if seed % 3 != 0 {
            let m = { "m\(random.next(monomerCount))" }
            switch random.next(8) {
            case 0: constraints.append("FREE \(m())")
            case 1: constraints.append("NOTTOGETHER m0 m1")
            case 2: constraints.append("NOTFREE \(m())")
            case 3: constraints.append("NOTANYPAIRED s0_0")
            case 4: constraints.append("ANYPAIRED s1_0")
            case 5: constraints.append("TOGETHER m0 m2")
            case 6: constraints.append("PAIRED s0_0 s1_0")
            default: constraints.append("NOTPAIRED s0_0 s2_0")
            }
        }
        let tbn = try TBN.parse(
            monomerText: lines.joined(separator: "\n"), constraintText: constraints.joined(separator: "\n"))
        let unconstrained = try TBN.parse(monomerText: lines.joined(separator: "\n"))
        let entropy = BruteForce(tbn: unconstrained, applyConstraints: false).validCounts().first
        let exhaustive = BruteForce(tbn: tbn, applyConstraints: true).validCounts()
        let result: SolveResult
        do {
            result = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 3))
        } catch {
            // Only a constraint that no configuration of this TBN could meet may be refused.
            #expect(exhaustive.isEmpty, "\(error.message) for \(lines) \(constraints)")
            return
        }
        #expect(result.entropy == entropy, "\(lines)")
        #expect(result.configurations.map(\.polymerCount) == Array(exhaustive.prefix(3)), "\(lines) \(constraints)")
        for configuration in result.configurations {
            #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [], "\(lines) \(constraints)")
        }
    }
}

/// A small deterministic generator for reproducible random tests.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed | 1 }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// Random small TBNs with repeated monomers (only the first three named) against exhaustive search.
@Suite struct RepeatedMonomerTests {
    @Test(arguments: 0..<120)
    func matchesExhaustiveSearch(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 104_729 &+ 5)
        let pool = ["a", "a*", "b", "b*", "a b", "a* b*", "a a*", "b* b*", "a b*", "c a*", "c*"]
        var lines: [String] = []
        let monomerCount = 4 + random.next(4)
        for index in 0..<monomerCount {
            let tokens = pool[random.next(pool.count)]
            lines.append(
                index < 3
                    ? tokens.replacingOccurrences(of: " ", with: ":q\(index) ", options: [], range: nil)
                        + ":s\(index) >m\(index)" : tokens)
        }
        let kinds = [
            "FREE m0", "NOTFREE m1", "TOGETHER m0 m1", "NOTTOGETHER m1 m2", "PAIRED s0 s1", "NOTPAIRED s0 s1",
            "ANYPAIRED s2", "NOTANYPAIRED s1", "TOGETHER m0 m1 m2",
        ]
        var constraints: [String] = []
        for _ in 0..<random.next(3) { constraints.append(kinds[random.next(kinds.count)]) }
        let text = lines.joined(separator: "\n")
        let tbn = try TBN.parse(monomerText: text, constraintText: constraints.joined(separator: "\n"))
        let entropy = BruteForce(tbn: try TBN.parse(monomerText: text), applyConstraints: false).validCounts().first
        let exhaustive = BruteForce(tbn: tbn, applyConstraints: true).validCounts()
        let result: SolveResult
        do {
            result = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 4))
        } catch {
            #expect(exhaustive.isEmpty, "\(error.message) for \(lines) \(constraints)")
            return
        }
        let context = "\(lines) \(constraints)"
        #expect(result.entropy == entropy, "\(context)")
        let counts = result.configurations.map(\.polymerCount)
        #expect(counts.first == exhaustive.first, "\(context)")
        // Distinct as printed: never more, and never better rank by rank, than distinct by monomer.
        for (rank, count) in counts.enumerated() { #expect(count <= exhaustive[rank], "\(context)") }
        #expect(counts == counts.sorted(by: >))
        let printed = result.configurations.map { configuration in
            Set(
                configuration.polymerTokens(in: tbn).map { polymer in polymer.map { $0.joined(separator: " ") }.sorted()
                })
        }
        #expect(Set(printed).count == counts.count)
        for configuration in result.configurations {
            #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [], "\(context)")
        }
    }
}
