import StableConfigs
import Testing

/// Each constraint kind on small TBNs whose answers are worked out by hand.
@Suite struct ConstraintTests {
    /// `a b` + `a* b*` + `a` + `b`: entropy 3.
    static let classic = "a b >ab\na*:x b*:y >star\na:p >a\nb:q >b"

    private func solve(_ monomers: String, _ constraints: String, _ options: SolveOptions = SolveOptions()) throws
        -> (TBN, SolveResult)
    {
        let tbn = try TBN.parse(monomerText: monomers, constraintText: constraints)
        return (tbn, try StableConfigsSolver(tbn: tbn).solve(options))
    }

    @Test(arguments: [
        // star's a* and b* are limiting: star binds two of ab, a, b.
        ("FREE ab", 2), ("FREE a", 3), ("NOTFREE ab", 3), ("TOGETHER a b", 2), ("TOGETHER a b ab", 0),
        ("NOTTOGETHER star ab", 2), ("NOTTOGETHER star ab\nNOTTOGETHER star a", 0),
        ("PAIRED x p", 2), ("NOTPAIRED x p", 3), ("ANYPAIRED p", 2), ("NOTANYPAIRED p", 3),
        ("FREE ab\nFREE a", 0), ("FREE ab\nFREE a\nFREE b", 0), ("NOTANYPAIRED x", 0),
    ])
    func constraintChangesTheBestCount(constraints: String, expected: Int) throws {
        let (tbn, result) = try solve(Self.classic, constraints)
        #expect(result.entropy == 3)
        #expect((result.configurations.first?.polymerCount ?? 0) == expected)
        #expect((BruteForce(tbn: tbn, applyConstraints: true).validCounts().first ?? 0) == expected)
        for configuration in result.configurations {
            #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [])
        }
    }

    @Test func togetherNeedsARealBondPath() throws {
        // t2 = a and t3 = b are unbound in the stable configuration; together they need a* b* between them.
        let (tbn, result) = try solve("a >t2\na* b* >t1\na b\nb >t3", "TOGETHER t2 t3")
        let configuration = try #require(result.configurations.first)
        #expect(configuration.polymerCount == 2)
        let t1 = try #require(tbn.monomerIndex(named: "t1"))
        #expect(configuration.polymers.contains { $0.contains(t1) && $0.count == 3 })
    }

    @Test(arguments: [
        ("TOGETHER a c", "Monomer [c] and Monomer [a] cannot be together in any valid configuration."),
        ("NOTFREE c", "Monomer [c] cannot be together with any other Monomer in any valid configuration."),
        ("PAIRED x y", "Binding Site [x] and Binding Site [y] are not complementary."),
        ("PAIRED x x", "Binding Site [x] and Binding Site [x] are not complementary."),
        ("ANYPAIRED z", "Binding Site [z] does not have any complementary binding sites in the system."),
    ])
    func impossibleConstraintIsAnError(constraints: String, message: String) throws {
        let tbn = try TBN.parse(monomerText: "a*:x b*:y >star\na >a\nc:z >c", constraintText: constraints)
        do {
            _ = try StableConfigsSolver(tbn: tbn).solve()
            Issue.record("solved")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func initialCountAboveTheEntropyIsAnError() throws {
        let tbn = try TBN.parse(monomerText: Self.classic)
        do {
            _ = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(minimumPolymers: 4))
            Issue.record("solved")
        } catch {
            #expect(error.code == .minimumPolymersExceedEntropy)
            #expect(error.message.hasPrefix("Minimum Polymers [4] exceeds the max entropy of TBN system."))
        }
        let result = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(minimumPolymers: 3))
        #expect(result.configurations.map(\.polymerCount) == [3])
    }

    @Test func optionsOutOfRangeAreErrors() throws {
        let tbn = try TBN.parse(monomerText: Self.classic)
        for options in [SolveOptions(configurationCount: 0), SolveOptions(minimumPolymers: 0)] {
            #expect(throws: TBNError.self) { try StableConfigsSolver(tbn: tbn).solve(options) }
        }
    }

    @Test func progressReportsTheCountsReached() throws {
        let tbn = try TBN.parse(monomerText: Self.classic, constraintText: "TOGETHER a b")
        var reports: [SolveProgress] = []
        _ = try StableConfigsSolver(tbn: tbn).solve { reports.append($0) }
        #expect(reports.first == SolveProgress(count: 0, k: 0))
        #expect(reports.contains(SolveProgress(count: 1, k: 3)))
        #expect(reports.last?.k == 2)
    }
}
